using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Dlp;

namespace Conclave.Server.Dlp;

/// <summary>The API's views of stored DLP definitions.</summary>
internal static class DlpViews
{
    /// <summary>What Conclave calls Teams chats and channels together, as Purview's <c>TeamsLocation</c>.</summary>
    public const string AllTeamsLocations = "All";

    public static DlpPolicyView Policy(DlpPolicyRecord policy, IEnumerable<DlpRuleRecord> rules) =>
        new(policy.Name, policy.Mode.ToString(), AllTeamsLocations, policy.Comment,
            [.. rules.Where(r => r.PolicyKey == policy.Key).OrderBy(r => r.CreatedAt).ThenBy(r => r.Key).Select(r => r.Name)],
            policy.CreatedAt, policy.ModifiedAt);

    public static DlpRuleView Rule(DlpRuleRecord rule, string policyName)
    {
        var notify = rule.NotifyUser.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return new DlpRuleView(
            rule.Name, policyName,
            JsonSerializer.Deserialize<SensitiveInformationCondition[]>(rule.ConditionsJson, JsonSerializerOptions.Web) ?? [],
            rule.AccessScope.ToString(), rule.BlockAccess, notify, rule.NotifyAllowOverride, rule.NotifyPolicyTipCustomText, rule.Disabled,
            DlpParameters.ActionOf(rule.BlockAccess, notify, rule.NotifyAllowOverride).ToString(), rule.ModifiedAt);
    }

    public static SensitiveInformationTypeView Type(SensitiveInfoType type) => type is CustomSensitiveInfoType custom
        ? new(custom.Name, "Organization", custom.Pattern, custom.Keywords, custom.KeywordProximity, custom.Confidence.ToString())
        : new(type.Name, "Conclave", null, type.Keywords, type.KeywordProximity, null);
}
