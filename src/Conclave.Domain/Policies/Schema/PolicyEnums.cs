namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// Values of <c>CallingEndtoEndEncryptionEnabledType</c> and <c>MeetingEndToEndEncryption</c>.
/// Teams has the first two; <see cref="EnabledUserOverride"/> and <see cref="Required"/> are
/// Conclave extensions.
/// </summary>
public enum EnhancedEncryptionMode
{
    /// <summary>E2EE is off and users cannot turn it on (Teams' default).</summary>
    Disabled,

    /// <summary>E2EE is off unless the user turns it on.</summary>
    DisabledUserOverride,

    /// <summary>Conclave extension: E2EE is on unless the user turns it off.</summary>
    EnabledUserOverride,

    /// <summary>Conclave extension: E2EE is always on; what cannot be end-to-end encrypted is refused.</summary>
    Required,
}

/// <summary>Who joins a meeting without waiting in the lobby (<c>AutoAdmittedUsers</c>).</summary>
public enum AutoAdmittedUsers
{
    Everyone,
    EveryoneInSameAndFederatedCompany,
    EveryoneInCompany,
    EveryoneInCompanyExcludingGuests,
    InvitedUsers,
    OrganizerOnly,
}

/// <summary>Default value of the meeting option "Who can present" (<c>DesignatedPresenterRoleMode</c>).</summary>
public enum DesignatedPresenterRoleMode
{
    EveryoneUserOverride,
    EveryoneInCompanyUserOverride,
    EveryoneInSameAndFederatedCompanyUserOverride,
    OrganizerOnlyUserOverride,
}

/// <summary>A user's federation scope (<c>CommunicationWithExternalOrgs</c> of ExternalAccessPolicy).</summary>
public enum CommunicationWithExternalOrgs
{
    /// <summary>Follow the tenant's federation configuration.</summary>
    OrganizationDefault,
    AllowAllExternalDomains,
    AllowSpecificExternalDomains,
    BlockSpecificExternalDomains,
    BlockAllExternalDomains,
}

/// <summary>What a guest may share in a meeting (<c>ScreenSharingMode</c>).</summary>
public enum ScreenSharingMode
{
    Disabled,
    SingleApplication,
    EntireScreen,
}
