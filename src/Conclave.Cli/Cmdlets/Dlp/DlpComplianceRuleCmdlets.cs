using System.Text.Json;
using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Dlp;

internal sealed class GetDlpComplianceRule : Cmdlet
{
    public override string Name => "Get-DlpComplianceRule";

    public override string Synopsis => "Lists the DLP rules (of one policy with -Policy), or shows one (GET /api/admin/dlp/rules).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The rule's name; without it every rule is listed.", position: 0),
        CmdletParameter.String("Policy", "Only the rules of this policy."),
    ];

    public override IReadOnlyList<string> TableColumns => ["name", "policy", "action", "accessScope", "disabled"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        if (arguments.GetString("Identity") is { Length: > 0 } identity)
        {
            return new CmdletResult(await DlpApi.SendAsync<DlpRuleView>(api, HttpMethod.Get, "rules/" + DlpApi.Segment(identity), null, cancellationToken));
        }

        var query = arguments.GetString("Policy") is { Length: > 0 } policy ? "?policy=" + DlpApi.Segment(policy) : "";
        return new CmdletResult(await DlpApi.SendAsync<IReadOnlyList<DlpRuleView>>(api, HttpMethod.Get, "rules" + query, null, cancellationToken));
    }
}

internal sealed class NewDlpComplianceRule : Cmdlet
{
    public override string Name => "New-DlpComplianceRule";

    public override string Synopsis =>
        "Adds a rule to a DLP policy: the sensitive information it looks for and what happens then (POST /api/admin/dlp/rules).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = [
        CmdletParameter.String("Name", "The rule's name, unique without regard to case.", mandatory: true, position: 0),
        CmdletParameter.String("Policy", "The policy it belongs to.", mandatory: true),
        .. DlpRuleParameters.All];

    public override IReadOnlyList<string> TableColumns => ["name", "policy", "action", "accessScope"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var fields = DlpRuleParameters.From(arguments);
        if (fields.ContentContainsSensitiveInformation is null)
        {
            throw new UsageException("-ContentContainsSensitiveInformation is required: the types the rule looks for.");
        }

        return new CmdletResult(await DlpApi.SendAsync<DlpRuleView>(api, HttpMethod.Post, "rules", new NewDlpRuleRequest(
            arguments.RequireString("Name"), arguments.RequireString("Policy"), fields.ContentContainsSensitiveInformation, fields.AccessScope,
            fields.BlockAccess, fields.NotifyUser, fields.NotifyAllowOverride, fields.NotifyPolicyTipCustomText, fields.Disabled), cancellationToken));
    }
}

internal sealed class SetDlpComplianceRule : Cmdlet
{
    public override string Name => "Set-DlpComplianceRule";

    public override string Synopsis => "Changes a DLP rule; only the parameters given change (PATCH /api/admin/dlp/rules/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } = [
        CmdletParameter.String("Identity", "The rule's name.", mandatory: true, position: 0),
        .. DlpRuleParameters.All];

    public override IReadOnlyList<string> TableColumns => ["name", "policy", "action", "accessScope", "disabled"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken) =>
        new(await DlpApi.SendAsync<DlpRuleView>(api, HttpMethod.Patch, "rules/" + DlpApi.Segment(arguments.RequireString("Identity")),
            DlpRuleParameters.From(arguments), cancellationToken));
}

internal sealed class RemoveDlpComplianceRule : Cmdlet
{
    public override string Name => "Remove-DlpComplianceRule";

    public override string Synopsis => "Removes a DLP rule (DELETE /api/admin/dlp/rules/{name}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The rule's name.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var name = arguments.RequireString("Identity");
        await DlpApi.SendAsync<JsonElement>(api, HttpMethod.Delete, "rules/" + DlpApi.Segment(name), null, cancellationToken);
        return new CmdletResult(new { name, removed = true });
    }
}

/// <summary>The parameters New- and Set-DlpComplianceRule share, in Purview's names.</summary>
internal static class DlpRuleParameters
{
    public static readonly IReadOnlyList<CmdletParameter> All =
    [
        CmdletParameter.StringArray("ContentContainsSensitiveInformation",
            "The types looked for, comma-separated, each Name, Name:MinCount or Name:MinCount:Confidence (Low, Medium, High); any may match."),
        CmdletParameter.Enum("AccessScope", DlpApi.AccessScopes, "NotInOrganization: only where a guest or federated user is a member; InOrganization: only where none is; None (default): anywhere."),
        CmdletParameter.Boolean("BlockAccess", "$true blocks the content (with -NotifyAllowOverride WithJustification the sender may send it with a justification)."),
        CmdletParameter.StringArray("NotifyUser", "Who sees the policy tip: LastModifier or Owner (in a chat, the sender); $null for nobody.", ["LastModifier", "Owner"]),
        CmdletParameter.Enum("NotifyAllowOverride", ["WithJustification"], "WithJustification: a blocked sender may send anyway with a business justification."),
        CmdletParameter.String("NotifyPolicyTipCustomText", "The policy tip the sender sees (one line, at most 256 characters)."),
        CmdletParameter.Boolean("Disabled", "$true keeps the rule without evaluating it."),
    ];

    public static UpdateDlpRuleRequest From(CmdletArguments arguments) => new(
        arguments.GetStrings("ContentContainsSensitiveInformation") is { } items ? DlpApi.Conditions(items) : null,
        arguments.GetString("AccessScope"),
        arguments.GetBoolean("BlockAccess"),
        arguments.IsBound("NotifyUser") ? [.. arguments.GetStrings("NotifyUser") ?? []] : null,
        arguments.IsBound("NotifyAllowOverride") ? arguments.GetString("NotifyAllowOverride") ?? "" : null,
        arguments.IsBound("NotifyPolicyTipCustomText") ? arguments.GetString("NotifyPolicyTipCustomText") ?? "" : null,
        arguments.GetBoolean("Disabled"));
}
