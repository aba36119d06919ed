namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// One conditional access policy, with users and groups by id and locations by name (the keys of the set's
/// location dictionary, compared without case). Built by the server from a stored, validated definition.
/// </summary>
/// <param name="Name">The policy's name, as refusals and audit records show it.</param>
/// <param name="State">Enabled, Disabled or ReportOnly.</param>
/// <param name="IncludeAllUsers">Whether every user is included (<c>-IncludeUsers All</c>).</param>
/// <param name="IncludeUsers">User ids included one by one.</param>
/// <param name="IncludeGroups">Group ids whose members are included.</param>
/// <param name="ExcludeUsers">User ids excluded; an exclusion beats an inclusion, as in Entra.</param>
/// <param name="ExcludeGroups">Group ids whose members are excluded.</param>
/// <param name="Applications">What the policy covers.</param>
/// <param name="IncludeLocations">The addresses the policy applies to.</param>
/// <param name="ExcludeLocations">The addresses it does not apply to, whatever the inclusion says.</param>
/// <param name="GrantControls">Block, or the controls that must all be met.</param>
public sealed record ConditionalAccessPolicy(
    string Name,
    ConditionalAccessPolicyState State,
    bool IncludeAllUsers,
    IReadOnlySet<string> IncludeUsers,
    IReadOnlySet<string> IncludeGroups,
    IReadOnlySet<string> ExcludeUsers,
    IReadOnlySet<string> ExcludeGroups,
    AccessApplications Applications,
    LocationSelection IncludeLocations,
    LocationSelection ExcludeLocations,
    IReadOnlySet<GrantControl> GrantControls)
{
    /// <summary>Whether the policy's conditions select this request (users, application, location); its state is not asked.</summary>
    public bool Applies(AccessRequest request, IReadOnlyDictionary<string, NamedLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(request);
        if ((Applications & request.Application) == AccessApplications.None)
        {
            return false;
        }

        // Entra: exclusions are evaluated first and beat any inclusion.
        if (ExcludeUsers.Contains(request.UserId) || ExcludeGroups.Overlaps(request.GroupIds))
        {
            return false;
        }

        if (!IncludeAllUsers && !IncludeUsers.Contains(request.UserId) && !IncludeGroups.Overlaps(request.GroupIds))
        {
            return false;
        }

        return !ExcludeLocations.Selects(request.Address, locations) && IncludeLocations.Selects(request.Address, locations);
    }

    /// <summary>The first control the request does not meet (Block first, then MFA, then the device), or null when it meets them all.</summary>
    public GrantControl? FirstFailing(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (GrantControls.Contains(GrantControl.Block))
        {
            return GrantControl.Block;
        }

        if (GrantControls.Contains(GrantControl.RequireMfa) && !request.MultiFactor)
        {
            return GrantControl.RequireMfa;
        }

        return GrantControls.Contains(GrantControl.RequireCompliantDevice) && !request.DeviceCompliant
            ? GrantControl.RequireCompliantDevice
            : null;
    }
}
