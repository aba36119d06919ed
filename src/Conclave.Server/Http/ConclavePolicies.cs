using Conclave.Contracts.Errors;
using Microsoft.AspNetCore.Authorization;

namespace Conclave.Server.Http;

/// <summary>Authorization policies that are not about admin roles (those are in Admin/AdminPolicies.cs).</summary>
public static class ConclavePolicies
{
    /// <summary>
    /// The surfaces that act for a signed-in person: the call hub, <c>/api/me/…</c> (TURN credentials,
    /// the E2EE-calls switch, policy events). A token must name a directory user; an app registration's
    /// token gets 403 <see cref="ErrorCodes.Auth.UserRequired"/>, whatever roles it holds.
    /// </summary>
    public const string User = "conclave.user";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(User, p => p.RequireAuthenticatedUser().AddRequirements(new UserRequirement()));
    }

    /// <summary>Met by a principal that <see cref="CallerIdentity"/> reads as a user; its own handler.</summary>
    private sealed class UserRequirement : AuthorizationHandler<UserRequirement>, IAuthorizationRequirement
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, UserRequirement requirement)
        {
            if (CallerIdentity.Of(context.User) is { IsUser: true })
            {
                context.Succeed(requirement);
            }
            else if (context.User.Identity?.IsAuthenticated == true)
            {
                // The 403's problem details carry this code instead of the generic auth.forbidden.
                if (context.Resource is HttpContext http)
                {
                    Problems.SetCode(http, ErrorCodes.Auth.UserRequired);
                }

                context.Fail(new AuthorizationFailureReason(this, "Only a signed-in user can use this; an app registration cannot."));
            }

            return Task.CompletedTask;
        }
    }
}
