using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Questions;

/// <summary>Why a user may or may not communicate with an external domain.</summary>
public enum FederationReason
{
    Allowed,

    /// <summary>TenantFederationConfiguration AllowFederatedUsers is False.</summary>
    TenantFederationOff,

    /// <summary>The domain is in the tenant's BlockedDomains (honoured with AllowAllKnownDomains only).</summary>
    TenantBlockedDomain,

    /// <summary>The tenant's AllowedDomains is a list without this domain.</summary>
    TenantDomainNotAllowed,

    /// <summary>The user's ExternalAccessPolicy has EnableFederationAccess False or blocks all domains.</summary>
    UserFederationOff,

    /// <summary>The user's ExternalAccessPolicy allows specific domains, not this one.</summary>
    UserDomainNotAllowed,

    /// <summary>The user's ExternalAccessPolicy blocks this domain.</summary>
    UserBlockedDomain,
}

/// <summary>A federation answer with its reason.</summary>
public readonly record struct FederationAnswer(bool Allowed, FederationReason Reason);

/// <summary>
/// Federation questions, answered from the tenant configuration and the user's ExternalAccessPolicy.
/// The tenant's AllowFederatedUsers is the master switch; a user's policy narrows or (with
/// AllowAllExternalDomains / AllowSpecificExternalDomains) replaces the tenant's domain lists.
/// </summary>
public sealed class FederationQuestions
{
    private static readonly PolicyType Tenant = PolicyTypes.TenantFederationConfiguration;
    private static readonly PolicyParameter AllowFederatedUsers = Tenant.FindParameter("AllowFederatedUsers")!;
    private static readonly PolicyParameter AllowedDomains = Tenant.FindParameter("AllowedDomains")!;
    private static readonly PolicyParameter BlockedDomains = Tenant.FindParameter("BlockedDomains")!;
    private static readonly PolicyType User = PolicyTypes.ExternalAccessPolicy;
    private static readonly PolicyParameter EnableFederationAccess = User.FindParameter("EnableFederationAccess")!;
    private static readonly PolicyParameter Communication = User.FindParameter("CommunicationWithExternalOrgs")!;
    private static readonly PolicyParameter AllowedExternal = User.FindParameter("AllowedExternalDomains")!;
    private static readonly PolicyParameter BlockedExternal = User.FindParameter("BlockedExternalDomains")!;
    private readonly PolicyDirectory _directory;

    internal FederationQuestions(PolicyDirectory directory) => _directory = directory;

    /// <summary>The tenant-wide answer, before any user's policy.</summary>
    public FederationAnswer IsDomainAllowedForTenant(string domain)
    {
        var tenant = _directory.Resolve(Guid.Empty, Tenant).Policy;
        if (!tenant.GetBoolean(AllowFederatedUsers))
        {
            return new(false, FederationReason.TenantFederationOff);
        }

        var allowed = tenant[AllowedDomains];
        if (allowed.Number == 0)
        {
            return Contains(tenant.GetItems(BlockedDomains), domain)
                ? new(false, FederationReason.TenantBlockedDomain)
                : new(true, FederationReason.Allowed);
        }

        return Contains(allowed.Items, domain)
            ? new(true, FederationReason.Allowed)
            : new(false, FederationReason.TenantDomainNotAllowed);
    }

    /// <summary>Whether <paramref name="user"/> may chat, call and meet with people of <paramref name="domain"/>.</summary>
    public FederationAnswer CanCommunicateWith(Guid user, string domain)
    {
        var tenant = _directory.Resolve(Guid.Empty, Tenant).Policy;
        if (!tenant.GetBoolean(AllowFederatedUsers))
        {
            return new(false, FederationReason.TenantFederationOff);
        }

        var policy = _directory.Resolve(user, User).Policy;
        if (!policy.GetBoolean(EnableFederationAccess))
        {
            return new(false, FederationReason.UserFederationOff);
        }

        return policy.GetEnum<CommunicationWithExternalOrgs>(Communication) switch
        {
            CommunicationWithExternalOrgs.AllowAllExternalDomains => new(true, FederationReason.Allowed),
            CommunicationWithExternalOrgs.AllowSpecificExternalDomains => Contains(policy.GetItems(AllowedExternal), domain)
                ? new(true, FederationReason.Allowed)
                : new(false, FederationReason.UserDomainNotAllowed),
            CommunicationWithExternalOrgs.BlockSpecificExternalDomains => Contains(policy.GetItems(BlockedExternal), domain)
                ? new(false, FederationReason.UserBlockedDomain)
                : IsDomainAllowedForTenant(domain),
            CommunicationWithExternalOrgs.BlockAllExternalDomains => new(false, FederationReason.UserFederationOff),
            _ => IsDomainAllowedForTenant(domain),
        };
    }

    private static bool Contains(IReadOnlyList<string> domains, string domain)
    {
        foreach (var d in domains)
        {
            if (string.Equals(d, domain, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
