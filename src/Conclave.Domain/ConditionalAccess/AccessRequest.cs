using System.Net;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>What the evaluation knows of one access: who, for what, from where, how they signed in, on which device.</summary>
/// <param name="UserId">The user's id.</param>
/// <param name="GroupIds">The ids of the groups the user is a member of.</param>
/// <param name="Application">The one application asked for.</param>
/// <param name="Address">The client's address; null when unknown (then only "any location" selects it).</param>
/// <param name="MultiFactor">Whether the sign-in behind the request performed MFA (the token's <c>amr</c> has <c>mfa</c>).</param>
/// <param name="DeviceCompliant">Whether the device (the sign-in session) is marked compliant.</param>
public sealed record AccessRequest(
    string UserId, IReadOnlySet<string> GroupIds, AccessApplications Application, IPAddress? Address, bool MultiFactor, bool DeviceCompliant);
