namespace Conclave.Server.Policies;

/// <summary>A policy instance whose values differ from a fresh <c>Global</c>: every custom policy, and <c>Global</c> once set.</summary>
public sealed class PolicyInstanceRow
{
    public string PolicyType { get; set; } = "";

    /// <summary><c>Global</c> or <c>Tag:Name</c>.</summary>
    public string Identity { get; set; } = "";

    /// <summary>Parameter name → value as an administrator would type it (JSON object).</summary>
    public string ValuesJson { get; set; } = "{}";
}

/// <summary>A group assignment; ranks of one type are 1..n.</summary>
public sealed class PolicyGroupAssignmentRow
{
    public string PolicyType { get; set; } = "";

    public string GroupId { get; set; } = "";

    public string GroupName { get; set; } = "";

    public string PolicyName { get; set; } = "";

    public int Rank { get; set; }
}

/// <summary>The policy granted with <c>-Global</c> for one type.</summary>
public sealed class PolicyTenantDefaultRow
{
    public string PolicyType { get; set; } = "";

    public string PolicyName { get; set; } = "";
}

/// <summary>A policy granted directly to a user.</summary>
public sealed class PolicyUserGrantRow
{
    public string UserId { get; set; } = "";

    public string PolicyType { get; set; } = "";

    public string PolicyName { get; set; } = "";
}

/// <summary>A user's own E2EE-calls switch (<c>On</c>/<c>Off</c>; no row means unset).</summary>
public sealed class PolicyUserSettingRow
{
    public string UserId { get; set; } = "";

    public string E2eeCalls { get; set; } = "";
}
