using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.ConditionalAccess;

internal sealed class GetCsConditionalAccessPolicy : Cmdlet
{
    public override string Name => "Get-CsConditionalAccessPolicy";

    public override string Synopsis => "Lists the conditional access policies, or shows one (GET /api/admin/conditional-access/policies).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The policy's name; without it every policy is listed.", position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "state", "applications", "grantControls", "modifiedAt"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        arguments.GetString("Identity") is { Length: > 0 } identity
            ? new CmdletResult(await ConditionalAccessApi.SendAsync<ConditionalAccessPolicyView>(api, HttpMethod.Get, "policies/" + ConditionalAccessApi.Segment(identity), null, cancellationToken))
            : new CmdletResult(await ConditionalAccessApi.SendAsync<IReadOnlyList<ConditionalAccessPolicyView>>(api, HttpMethod.Get, "policies", null, cancellationToken));
}

internal sealed class NewCsConditionalAccessPolicy : Cmdlet
{
    public override string Name => "New-CsConditionalAccessPolicy";

    public override string Synopsis =>
        "Creates a conditional access policy: who, which applications, from where, and Block or the controls all required (POST /api/admin/conditional-access/policies).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = ConditionalAccessPolicyParameters.Of(forNew: true);

    public override IReadOnlyList<string> TableColumns => ["name", "state", "applications", "grantControls"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await ConditionalAccessApi.SendAsync<ConditionalAccessPolicyView>(api, HttpMethod.Post, "policies",
            new NewConditionalAccessPolicyRequest(
                arguments.RequireString("Name"), arguments.GetString("State"), arguments.GetStrings("IncludeUsers"), arguments.GetStrings("IncludeGroups"),
                arguments.GetStrings("ExcludeUsers"), arguments.GetStrings("ExcludeGroups"), arguments.GetStrings("Applications"),
                arguments.GetStrings("IncludeLocations"), arguments.GetStrings("ExcludeLocations"), arguments.GetStrings("GrantControls")),
            cancellationToken));
}

internal sealed class SetCsConditionalAccessPolicy : Cmdlet
{
    public override string Name => "Set-CsConditionalAccessPolicy";

    public override string Synopsis => "Changes a conditional access policy; each list given replaces the stored one (PATCH /api/admin/conditional-access/policies/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = ConditionalAccessPolicyParameters.Of(forNew: false);

    public override IReadOnlyList<string> TableColumns => ["name", "state", "applications", "grantControls"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await ConditionalAccessApi.SendAsync<ConditionalAccessPolicyView>(api, HttpMethod.Patch, "policies/" + ConditionalAccessApi.Segment(arguments.RequireString("Identity")),
            new UpdateConditionalAccessPolicyRequest(
                arguments.GetString("State"), arguments.GetStrings("IncludeUsers"), arguments.GetStrings("IncludeGroups"),
                arguments.GetStrings("ExcludeUsers"), arguments.GetStrings("ExcludeGroups"), arguments.GetStrings("Applications"),
                arguments.GetStrings("IncludeLocations"), arguments.GetStrings("ExcludeLocations"), arguments.GetStrings("GrantControls")),
            cancellationToken));
}

internal sealed class RemoveCsConditionalAccessPolicy : Cmdlet
{
    public override string Name => "Remove-CsConditionalAccessPolicy";

    public override string Synopsis => "Removes a conditional access policy (DELETE /api/admin/conditional-access/policies/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The policy's name.", mandatory: true, position: 0),
    ];

    public override Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        ConditionalAccessApi.RemoveAsync(api, "policies/", arguments.RequireString("Identity"), cancellationToken);
}

internal static class ConditionalAccessPolicyParameters
{
    public static IReadOnlyList<CmdletParameter> Of(bool forNew) =>
    [
        forNew
            ? CmdletParameter.String("Name", "The policy's name, unique without regard to case.", mandatory: true, position: 0)
            : CmdletParameter.String("Identity", "The policy's name.", mandatory: true, position: 0),
        CmdletParameter.Enum("State", ConditionalAccessApi.States, "Enabled, Disabled or ReportOnly (a new policy's default: evaluated and audited, never enforced)."),
        CmdletParameter.StringArray("IncludeUsers", "All, or UPNs."),
        CmdletParameter.StringArray("IncludeGroups", "Groups (names or ids) whose members are included."),
        CmdletParameter.StringArray("ExcludeUsers", "UPNs excluded; an exclusion beats any inclusion."),
        CmdletParameter.StringArray("ExcludeGroups", "Groups whose members are excluded."),
        CmdletParameter.StringArray("Applications", "All, or SignIn, Chat, AdminApi, SecureLabels.", ConditionalAccessApi.Applications),
        CmdletParameter.StringArray("IncludeLocations", "All (default), AllTrusted, or named locations."),
        CmdletParameter.StringArray("ExcludeLocations", "AllTrusted, or named locations."),
        CmdletParameter.StringArray("GrantControls", "Block, or RequireMfa and/or RequireCompliantDevice (all required).", ConditionalAccessApi.GrantControls),
    ];
}
