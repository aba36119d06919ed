using System.Security.Claims;
using Conclave.Server.Http;
using Microsoft.AspNetCore;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Conclave.Server.Auth;

/// <summary>
/// Records the address a device authorization request (RFC 8628 §3.1) came from in the device and
/// user codes, so that the verification page can show it to the person asked to approve: RFC 8628
/// §5.4 names remote phishing (a code started by someone else, relayed to the victim) as the flow's
/// main threat, and an address far from the person's own is its tell.
/// </summary>
/// <remarks>
/// A private claim of the principal OpenIddict builds both codes from; it never reaches the tokens
/// issued later, whose claims are rebuilt from the directory (<see cref="Identity.ClaimsFactory"/>).
/// </remarks>
public sealed class DeviceRequestOrigin : IOpenIddictServerHandler<HandleDeviceAuthorizationRequestContext>
{
    /// <summary>The claim carrying the requesting address (as <see cref="ClientAddress.Of"/> gives it).</summary>
    public const string ClaimType = "conclave_requested_from";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleDeviceAuthorizationRequestContext>()
            .UseSingletonHandler<DeviceRequestOrigin>()
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleDeviceAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Transaction.GetHttpRequest() ?? throw new InvalidOperationException("No HTTP request.");

        // As OpenIddict's own default principal for this request: unauthenticated, with the requested scopes.
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        principal.SetScopes(context.Request.GetScopes());
        principal.SetClaim(ClaimType, ClientAddress.Of(request.HttpContext));
        context.SignIn(principal);
        return default;
    }
}
