using System.Security.Claims;

namespace Conclave.Server.Http;

/// <summary>Who is calling an admin endpoint, for the audit log.</summary>
/// <param name="Id">The token subject: user id or app client id.</param>
/// <param name="Upn">As the audit log shows the actor (<see cref="CallerIdentity.Display"/>): the user's UPN, or <c>app:&lt;clientId&gt;</c>; never a display name.</param>
/// <param name="From">The client's address.</param>
public sealed record AdminActor(string? Id, string? Upn, string? From)
{
    public static AdminActor Of(HttpContext context) => Of(context.User, ClientAddress.Of(context));

    public static AdminActor Of(ClaimsPrincipal user, string? from)
    {
        var caller = CallerIdentity.Of(user);
        return new(caller?.Subject, caller?.Display, from);
    }
}
