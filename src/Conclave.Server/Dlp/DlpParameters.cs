using System.Globalization;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;

namespace Conclave.Server.Dlp;

/// <summary>Purview's cmdlet parameter values, parsed into the domain's terms (names compared without case).</summary>
public static class DlpParameters
{
    /// <summary><c>NotifyUser</c> recipients Conclave knows; in a chat both mean the sender (Purview's Teams semantics).</summary>
    public static readonly IReadOnlyList<string> NotifyUserValues = ["LastModifier", "Owner"];

    /// <summary>The only override Conclave offers: the sender sends anyway with a business justification.</summary>
    public const string WithJustification = "WithJustification";

    public static Result<DlpPolicyMode> Mode(string? value) => ParseEnum<DlpPolicyMode>("Mode", value, DlpPolicyMode.Enable);

    public static Result<DlpAccessScope> AccessScope(string? value) => ParseEnum<DlpAccessScope>("AccessScope", value, DlpAccessScope.None);

    public static Result<DlpConfidence> Confidence(string? value, DlpConfidence fallback) =>
        ParseEnum<DlpConfidence>("MinConfidence", value, fallback);

    /// <summary>The recipients, distinct and spelled as Conclave spells them; empty for none.</summary>
    public static Result<IReadOnlyList<string>> NotifyUser(IReadOnlyList<string>? values)
    {
        var result = new List<string>();
        foreach (var value in values ?? [])
        {
            var known = NotifyUserValues.FirstOrDefault(v => string.Equals(v, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return DlpErrors.InvalidValue("NotifyUser", value ?? "", string.Join(" or ", NotifyUserValues));
            }

            if (!result.Contains(known))
            {
                result.Add(known);
            }
        }

        return result;
    }

    /// <summary><c>WithJustification</c>, or null for none (null or empty).</summary>
    public static Result<string?> NotifyAllowOverride(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Result<string?>.Success(null);
        }

        return string.Equals(value.Trim(), WithJustification, StringComparison.OrdinalIgnoreCase)
            ? Result<string?>.Success(WithJustification)
            : DlpErrors.InvalidValue("NotifyAllowOverride", value, WithJustification);
    }

    /// <summary>What a rule's parameters add up to, the strongest first: a block (overridable or not), a tip, or only an audit record.</summary>
    public static DlpAction ActionOf(bool blockAccess, IReadOnlyCollection<string> notifyUser, string? notifyAllowOverride) =>
        blockAccess ? (notifyAllowOverride is null ? DlpAction.Block : DlpAction.BlockWithOverride)
        : notifyUser.Count > 0 ? DlpAction.NotifySender
        : DlpAction.AuditOnly;

    /// <summary>The conditions against <paramref name="catalog"/>, in the order given, each type spelled as the catalog does.</summary>
    public static Result<IReadOnlyList<DlpCondition>> Conditions(SensitiveInfoTypeCatalog catalog, IReadOnlyList<SensitiveInformationCondition>? given)
    {
        if (given is null || given.Count is 0 or > DlpRule.MaxConditions)
        {
            return DlpErrors.InvalidThreshold(
                string.Create(CultureInfo.InvariantCulture, $"ContentContainsSensitiveInformation needs from 1 to {DlpRule.MaxConditions} types"));
        }

        var conditions = new List<DlpCondition>(given.Count);
        foreach (var item in given)
        {
            if (item is null)
            {
                return DlpErrors.UnknownType("");
            }

            var confidence = Confidence(item.MinConfidence, DlpConfidence.Medium);
            if (!confidence.IsSuccess)
            {
                return confidence.Error;
            }

            var condition = DlpCondition.Create(catalog, item.Name ?? "", item.MinCount ?? 1, confidence.Value);
            if (!condition.IsSuccess)
            {
                return condition.Error;
            }

            conditions.Add(condition.Value);
        }

        return conditions;
    }

    public static SensitiveInformationCondition ViewOf(DlpCondition condition) =>
        new(condition.Type.Name, condition.MinCount, condition.MinConfidence.ToString());

    private static Result<T> ParseEnum<T>(string parameter, string? value, T fallback)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        // Names only: Enum.TryParse would also take "1" or "Enable,Disable".
        var name = Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        return name is null
            ? DlpErrors.InvalidValue(parameter, value, string.Join(", ", Enum.GetNames<T>()))
            : Enum.Parse<T>(name);
    }
}
