namespace Conclave.Server.Tests.Security;

/// <summary>Who calls, in the authorization matrix: each kind of principal and each kind of dead token.</summary>
public enum CallerKind
{
    Anonymous,
    User,
    DisabledUser,
    UserAfterPasswordChange,
    RevokedToken,
    TeamsAdministrator,
    ComplianceAdministrator,
    GlobalAdministrator,
    AppWithNoRole,
    AppTeamsAdministrator,
    AppComplianceAdministrator,
    AppGlobalAdministrator,
    AppDeviceCompliance,
}

/// <summary>Who an endpoint or hub method is for.</summary>
public enum Access
{
    /// <summary>Anyone: sign-in, token, account and health endpoints (they check credentials themselves, if at all).</summary>
    Anonymous,

    /// <summary>Any live token, a person's or an app's.</summary>
    AnyPrincipal,

    /// <summary>People only (their own calls, relay credentials, policy settings): apps are refused.</summary>
    User,

    /// <summary>Teams or Global administrators, people or apps.</summary>
    Directory,

    /// <summary>Global administrators only.</summary>
    Roles,

    /// <summary>Global or Compliance administrators: the audit log.</summary>
    Audit,

    /// <summary>Global or Compliance administrators: data-loss prevention.</summary>
    Compliance,

    /// <summary>Global administrators, people or apps: conditional access.</summary>
    ConditionalAccess,

    /// <summary>A Global administrator (a person), or an app holding Conclave.DeviceCompliance and no other app.</summary>
    DeviceCompliance,
}

internal static class AccessRules
{
    /// <summary>Tokens that must not work at all: 401 wherever a token is needed.</summary>
    public static bool IsDead(CallerKind caller) =>
        caller is CallerKind.Anonymous or CallerKind.DisabledUser or CallerKind.UserAfterPasswordChange or CallerKind.RevokedToken;

    public static bool IsApp(CallerKind caller) =>
        caller is CallerKind.AppWithNoRole or CallerKind.AppTeamsAdministrator or CallerKind.AppComplianceAdministrator or CallerKind.AppGlobalAdministrator
            or CallerKind.AppDeviceCompliance;

    public static bool Allows(Access access, CallerKind caller) => access switch
    {
        Access.Anonymous => true,
        _ when IsDead(caller) => false,
        Access.AnyPrincipal => true,
        Access.User => !IsApp(caller),
        Access.Directory => caller is CallerKind.TeamsAdministrator or CallerKind.GlobalAdministrator
            or CallerKind.AppTeamsAdministrator or CallerKind.AppGlobalAdministrator,
        Access.Roles or Access.ConditionalAccess => caller is CallerKind.GlobalAdministrator or CallerKind.AppGlobalAdministrator,
        Access.DeviceCompliance => caller is CallerKind.GlobalAdministrator or CallerKind.AppDeviceCompliance,
        Access.Audit or Access.Compliance => caller is CallerKind.ComplianceAdministrator or CallerKind.GlobalAdministrator
            or CallerKind.AppComplianceAdministrator or CallerKind.AppGlobalAdministrator,
        _ => false,
    };
}
