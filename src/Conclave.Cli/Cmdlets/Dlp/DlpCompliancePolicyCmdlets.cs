using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Dlp;

internal sealed class GetDlpCompliancePolicy : Cmdlet
{
    public override string Name => "Get-DlpCompliancePolicy";

    public override string Synopsis => "Lists the DLP policies, or shows one (GET /api/admin/dlp/policies).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The policy's name; without it every policy is listed.", position: 0),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "mode", "rules", "modifiedAt"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        arguments.GetString("Identity") is { Length: > 0 } identity
            ? new CmdletResult(await DlpApi.SendAsync<DlpPolicyView>(api, HttpMethod.Get, "policies/" + DlpApi.Segment(identity), null, cancellationToken))
            : new CmdletResult(await DlpApi.SendAsync<IReadOnlyList<DlpPolicyView>>(api, HttpMethod.Get, "policies", null, cancellationToken));
}

internal sealed class NewDlpCompliancePolicy : Cmdlet
{
    public override string Name => "New-DlpCompliancePolicy";

    public override string Synopsis =>
        "Creates a DLP policy over chats and channels; add rules with New-DlpComplianceRule (POST /api/admin/dlp/policies).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Name", "The policy's name, unique without regard to case.", mandatory: true, position: 0),
        CmdletParameter.Enum("Mode", DlpApi.Modes, "Enable (default: rules take effect), TestWithNotifications, TestWithoutNotifications (never block) or Disable."),
        CmdletParameter.String("Comment", "A note for administrators."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "mode", "teamsLocation", "comment"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<DlpPolicyView>(api, HttpMethod.Post, "policies",
            new NewDlpPolicyRequest(arguments.RequireString("Name"), arguments.GetString("Mode"), arguments.GetString("Comment")), cancellationToken));
}

internal sealed class SetDlpCompliancePolicy : Cmdlet
{
    public override string Name => "Set-DlpCompliancePolicy";

    public override string Synopsis => "Changes a DLP policy's mode or comment; it takes effect at once (PATCH /api/admin/dlp/policies/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The policy's name.", mandatory: true, position: 0),
        CmdletParameter.Enum("Mode", DlpApi.Modes, "Enable, TestWithNotifications, TestWithoutNotifications or Disable."),
        CmdletParameter.String("Comment", "A note for administrators ($null clears it)."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "mode", "comment"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<DlpPolicyView>(api, HttpMethod.Patch, "policies/" + DlpApi.Segment(arguments.RequireString("Identity")),
            new UpdateDlpPolicyRequest(arguments.GetString("Mode"), arguments.IsBound("Comment") ? arguments.GetString("Comment") ?? "" : null), cancellationToken));
}

internal sealed class RemoveDlpCompliancePolicy : Cmdlet
{
    public override string Name => "Remove-DlpCompliancePolicy";

    public override string Synopsis => "Removes a DLP policy and its rules (DELETE /api/admin/dlp/policies/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The policy's name.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var name = arguments.RequireString("Identity");
        await DlpApi.SendAsync<JsonElement>(api, HttpMethod.Delete, "policies/" + DlpApi.Segment(name), null, cancellationToken);
        return new CmdletResult(new { name, removed = true });
    }
}
