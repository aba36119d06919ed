namespace Conclave.Contracts.Api;

// Conditional access (docs/api.md, "Conditional access"), in the habits of Entra ID: named locations (IP ranges,
// trusted or not), policies with conditions (users and groups, applications, locations) and grant controls, a
// report-only state, What If, and devices marked compliant by an administrator or a device-compliance app.

/// <summary>A named location: CIDR ranges (IPv4 and IPv6, /8 or longer), trusted or not.</summary>
public sealed record NamedLocationView(string Name, IReadOnlyList<string> IpRanges, bool IsTrusted, DateTimeOffset CreatedAt, DateTimeOffset ModifiedAt);

/// <remarks>
/// <para><c>IpRanges</c>: 1 to 2,000 CIDR ranges, e.g. <c>10.0.0.0/8</c>, <c>2001:db8::/32</c>.</para>
/// <para><c>IsTrusted</c>: default false.</para>
/// </remarks>
public sealed record NewNamedLocationRequest(string? Name, IReadOnlyList<string>? IpRanges, bool? IsTrusted = null);

/// <summary>A change of a named location: what is given replaces what was.</summary>
public sealed record UpdateNamedLocationRequest(IReadOnlyList<string>? IpRanges = null, bool? IsTrusted = null);

/// <summary>A conditional access policy as stored: users by UPN, groups by name, locations by name.</summary>
public sealed record ConditionalAccessPolicyView(
    string Name,
    string State,
    IReadOnlyList<string> IncludeUsers,
    IReadOnlyList<string> IncludeGroups,
    IReadOnlyList<string> ExcludeUsers,
    IReadOnlyList<string> ExcludeGroups,
    IReadOnlyList<string> Applications,
    IReadOnlyList<string> IncludeLocations,
    IReadOnlyList<string> ExcludeLocations,
    IReadOnlyList<string> GrantControls,
    DateTimeOffset CreatedAt,
    DateTimeOffset ModifiedAt);

/// <remarks>
/// <para><c>State</c>: <c>Enabled</c>, <c>Disabled</c> or <c>ReportOnly</c> (default: ReportOnly, as Entra suggests for a new policy).</para>
/// <para><c>IncludeUsers</c>: <c>All</c>, or UPNs (or user ids). <c>IncludeGroups</c>, <c>ExcludeGroups</c>: group names or ids. At least one user or group is included.</para>
/// <para><c>Applications</c>: <c>All</c>, or any of <c>SignIn</c>, <c>Chat</c>, <c>AdminApi</c>, <c>SecureLabels</c>; required.</para>
/// <para><c>IncludeLocations</c>: <c>All</c> (default), <c>AllTrusted</c>, or named locations. <c>ExcludeLocations</c>: <c>AllTrusted</c> or named locations.</para>
/// <para><c>GrantControls</c>: <c>Block</c>, or <c>RequireMfa</c> and/or <c>RequireCompliantDevice</c> (all must be met); required.</para>
/// </remarks>
public sealed record NewConditionalAccessPolicyRequest(
    string? Name,
    string? State = null,
    IReadOnlyList<string>? IncludeUsers = null,
    IReadOnlyList<string>? IncludeGroups = null,
    IReadOnlyList<string>? ExcludeUsers = null,
    IReadOnlyList<string>? ExcludeGroups = null,
    IReadOnlyList<string>? Applications = null,
    IReadOnlyList<string>? IncludeLocations = null,
    IReadOnlyList<string>? ExcludeLocations = null,
    IReadOnlyList<string>? GrantControls = null);

/// <summary>A change of a policy: each list given replaces the stored one.</summary>
public sealed record UpdateConditionalAccessPolicyRequest(
    string? State = null,
    IReadOnlyList<string>? IncludeUsers = null,
    IReadOnlyList<string>? IncludeGroups = null,
    IReadOnlyList<string>? ExcludeUsers = null,
    IReadOnlyList<string>? ExcludeGroups = null,
    IReadOnlyList<string>? Applications = null,
    IReadOnlyList<string>? IncludeLocations = null,
    IReadOnlyList<string>? ExcludeLocations = null,
    IReadOnlyList<string>? GrantControls = null);

/// <summary>A device: one sign-in session of a user (the id the Devices screen and Get-CsUserSession show) and its compliance.</summary>
public sealed record DeviceView(
    string Id,
    string User,
    string ClientId,
    string? ClientName,
    DateTimeOffset Started,
    DateTimeOffset? LastActive,
    string? Address,
    bool IsCompliant,
    string? ComplianceSetBy,
    DateTimeOffset? ComplianceSetAt);

/// <summary>Marks a device compliant or not.</summary>
public sealed record SetDeviceComplianceRequest(bool? IsCompliant);

/// <summary>A device's compliance after a change.</summary>
public sealed record DeviceComplianceView(string Id, string UserId, bool IsCompliant, string? ComplianceSetBy, DateTimeOffset? ComplianceSetAt);

/// <remarks>
/// <para><c>User</c>: a UPN or user id. <c>IpAddress</c>: an IPv4 or IPv6 address; none means unknown (only <c>All</c> locations select it).</para>
/// <para><c>DeviceId</c>: a device of that user (its compliance is read); none means an unknown, non-compliant device.</para>
/// <para><c>Application</c>: <c>SignIn</c>, <c>Chat</c> (default), <c>AdminApi</c> or <c>SecureLabels</c>. <c>Mfa</c>: whether the sign-in performed MFA (default false).</para>
/// </remarks>
public sealed record WhatIfRequest(string? User, string? IpAddress = null, string? DeviceId = null, string? Application = null, bool? Mfa = null);

/// <summary>What one policy says of the What If request: <c>NotApplied</c>, <c>Granted</c>, or the failed control.</summary>
public sealed record WhatIfPolicyResult(string Name, string State, bool Applies, string Outcome);

/// <summary>The decision for a What If request: <c>Allowed</c> or <c>Refused</c> with the code and detail the access would get.</summary>
public sealed record WhatIfResult(
    string User,
    string Application,
    string? IpAddress,
    bool Mfa,
    bool DeviceCompliant,
    string Decision,
    string? Code,
    string? Detail,
    IReadOnlyList<WhatIfPolicyResult> Policies);
