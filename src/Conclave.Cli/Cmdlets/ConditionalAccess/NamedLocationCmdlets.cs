using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.ConditionalAccess;

internal sealed class GetCsNamedLocation : Cmdlet
{
    public override string Name => "Get-CsNamedLocation";

    public override string Synopsis => "Lists the named locations, or shows one (GET /api/admin/conditional-access/locations).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The location's name; without it every location is listed.", position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "isTrusted", "ipRanges", "modifiedAt"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        arguments.GetString("Identity") is { Length: > 0 } identity
            ? new CmdletResult(await ConditionalAccessApi.SendAsync<NamedLocationView>(api, HttpMethod.Get, "locations/" + ConditionalAccessApi.Segment(identity), null, cancellationToken))
            : new CmdletResult(await ConditionalAccessApi.SendAsync<IReadOnlyList<NamedLocationView>>(api, HttpMethod.Get, "locations", null, cancellationToken));
}

internal sealed class NewCsNamedLocation : Cmdlet
{
    public override string Name => "New-CsNamedLocation";

    public override string Synopsis => "Creates a named location of IP ranges, trusted or not (POST /api/admin/conditional-access/locations).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Name", "The location's name, unique without regard to case.", mandatory: true, position: 0),
        CmdletParameter.StringArray("IpRanges", "CIDR ranges, IPv4 or IPv6, /8 or longer: 10.0.0.0/8,2001:db8::/32 (1 to 2,000)."),
        CmdletParameter.Boolean("IsTrusted", "Whether policies' AllTrusted selects it (default $false)."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "isTrusted", "ipRanges"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await ConditionalAccessApi.SendAsync<NamedLocationView>(api, HttpMethod.Post, "locations",
            new NewNamedLocationRequest(arguments.RequireString("Name"), arguments.GetStrings("IpRanges"), arguments.GetBoolean("IsTrusted")), cancellationToken));
}

internal sealed class SetCsNamedLocation : Cmdlet
{
    public override string Name => "Set-CsNamedLocation";

    public override string Synopsis => "Replaces a named location's ranges or trust; policies see it at once (PATCH /api/admin/conditional-access/locations/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The location's name.", mandatory: true, position: 0),
        CmdletParameter.StringArray("IpRanges", "The new CIDR ranges (they replace the old ones)."),
        CmdletParameter.Boolean("IsTrusted", "Whether the location is trusted."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "isTrusted", "ipRanges"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await ConditionalAccessApi.SendAsync<NamedLocationView>(api, HttpMethod.Patch, "locations/" + ConditionalAccessApi.Segment(arguments.RequireString("Identity")),
            new UpdateNamedLocationRequest(arguments.GetStrings("IpRanges"), arguments.GetBoolean("IsTrusted")), cancellationToken));
}

internal sealed class RemoveCsNamedLocation : Cmdlet
{
    public override string Name => "Remove-CsNamedLocation";

    public override string Synopsis => "Removes a named location no policy names (DELETE /api/admin/conditional-access/locations/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The location's name.", mandatory: true, position: 0),
    ];

    public override Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        ConditionalAccessApi.RemoveAsync(api, "locations/", arguments.RequireString("Identity"), cancellationToken);
}
