using System.Text.Json;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;

namespace Conclave.Server.ConditionalAccess;

/// <summary>The cmdlets' parameter values (State, Applications, GrantControls, locations) and the compiled form of a stored policy.</summary>
public static class ConditionalAccessParameters
{
    public const string All = "All";
    public const string AllTrusted = "AllTrusted";

    public static Result<ConditionalAccessPolicyState> State(string? value) =>
        Enum.TryParse<ConditionalAccessPolicyState>(value, ignoreCase: true, out var state) && Enum.IsDefined(state)
            && !int.TryParse(value, out _)
            ? state
            : Invalid("State", value, "Enabled, Disabled or ReportOnly");

    /// <summary>Application names, canonical; <c>All</c> stands for all four. At least one.</summary>
    public static Result<string[]> Applications(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return Invalid("Applications", null, "All, or SignIn, Chat, AdminApi, SecureLabels");
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            if (string.Equals(value?.Trim(), All, StringComparison.OrdinalIgnoreCase))
            {
                return new[] { All };
            }

            var known = Enum.GetNames<AccessApplications>()
                .FirstOrDefault(n => n is not nameof(AccessApplications.None) and not nameof(AccessApplications.All)
                    && string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return Invalid("Applications", value, "All, or SignIn, Chat, AdminApi, SecureLabels");
            }

            if (!names.Contains(known))
            {
                names.Add(known);
            }
        }

        return names.ToArray();
    }

    /// <summary>Grant controls, canonical: Block, or RequireMfa and/or RequireCompliantDevice. At least one.</summary>
    public static Result<string[]> GrantControls(IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return Invalid("GrantControls", null, "Block, or RequireMfa and/or RequireCompliantDevice");
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            var known = Enum.GetNames<GrantControl>().FirstOrDefault(n => string.Equals(n, value?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (known is null)
            {
                return Invalid("GrantControls", value, "Block, or RequireMfa and/or RequireCompliantDevice");
            }

            if (!names.Contains(known))
            {
                names.Add(known);
            }
        }

        // Entra: Block is a control of its own; with others it would read as if they could grant.
        if (names.Contains(nameof(GrantControl.Block)) && names.Count > 1)
        {
            return Invalid("GrantControls", string.Join(',', names), "Block alone, or RequireMfa and/or RequireCompliantDevice");
        }

        return names.ToArray();
    }

    /// <summary>The domain policy of a stored one.</summary>
    public static ConditionalAccessPolicy Compile(ConditionalAccessPolicyRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var stored = Conditions(record);
        var applications = stored.Applications.Contains(All)
            ? AccessApplications.All
            : stored.Applications.Aggregate(AccessApplications.None, (a, n) => a | Enum.Parse<AccessApplications>(n));
        return new ConditionalAccessPolicy(
            record.Name, record.State, stored.IncludeAllUsers,
            Set(stored.IncludeUsers), Set(stored.IncludeGroups), Set(stored.ExcludeUsers), Set(stored.ExcludeGroups),
            applications, Selection(stored.IncludeLocations, LocationSelection.Any), Selection(stored.ExcludeLocations, LocationSelection.None),
            stored.GrantControls.Select(Enum.Parse<GrantControl>).ToHashSet());
    }

    public static StoredConditions Conditions(ConditionalAccessPolicyRecord record) =>
        JsonSerializer.Deserialize<StoredConditions>(record.ConditionsJson, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException($"Policy {record.Name} has no conditions.");

    public static string Serialize(StoredConditions conditions) => JsonSerializer.Serialize(conditions, JsonSerializerOptions.Web);

    public static AccessApplications? Application(string? value) =>
        Enum.TryParse<AccessApplications>(value, ignoreCase: true, out var app) && !int.TryParse(value, out _)
            && app is AccessApplications.SignIn or AccessApplications.Chat or AccessApplications.AdminApi or AccessApplications.SecureLabels
            ? app
            : null;

    internal static Error Invalid(string parameter, string? value, string expected) =>
        new(ErrorCodes.Access.InvalidValue, $"{parameter} '{Shown(value)}' is not valid; it takes {expected}.");

    internal static string Shown(string? value) => value is null ? "(none)" : value.Length > 64 ? value[..64] + "…" : value;

    private static LocationSelection Selection(string[] names, LocationSelection empty) =>
        names.Length == 0 ? empty
        : names.Contains(All) ? LocationSelection.Any
        : names.Contains(AllTrusted) ? LocationSelection.AllTrusted
        : new LocationSelection(LocationSelectionKind.Named, names);

    private static HashSet<string> Set(string[] values) => new(values, StringComparer.Ordinal);
}
