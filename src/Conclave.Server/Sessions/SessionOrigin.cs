using System.Text.Json;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Conclave.Server.Sessions;

/// <summary>
/// Writes into a session's OpenIddict authorization, when a sign-in creates it, what the account's
/// owner needs to recognise it later (<see cref="SignInSessions"/>): how it began, the address it
/// signed in from and, for the web app, the sign-in cookie it was born of. Runs right after OpenIddict
/// has attached the (ad-hoc) authorization; sign-ins that continue a session (refresh, code redemption)
/// keep theirs and are left alone.
/// </summary>
public sealed class SessionOrigin(IOpenIddictAuthorizationManager authorizations) : IOpenIddictServerHandler<ProcessSignInContext>
{
    /// <summary>A private claim naming the address a sign-in came from when it is not the request's (a device code: the device, not the approving browser).</summary>
    public const string AddressClaim = "conclave_signin_from";

    internal const string AddressProperty = "conclave_address";
    internal const string MethodProperty = "conclave_method";
    internal const string BrowserSessionProperty = "conclave_bsid";

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ProcessSignInContext>()
            .UseScopedHandler<SessionOrigin>()
            .SetOrder(OpenIddictServerHandlers.AttachAuthorization.Descriptor.Order + 500)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessSignInContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = MethodOf(context);
        if (method is null || context.Principal?.GetAuthorizationId() is not { } id
            || await authorizations.FindByIdAsync(id, context.CancellationToken) is not { } authorization)
        {
            return;
        }

        var http = context.Transaction.GetHttpRequest()?.HttpContext ?? throw new InvalidOperationException("No HTTP request.");
        var descriptor = new OpenIddictAuthorizationDescriptor();
        await authorizations.PopulateAsync(descriptor, authorization, context.CancellationToken);
        // A device code's authorization is made at the device's request, before anyone has signed in; the
        // approval is when it gets its person, without whom it would belong to no account's list.
        if (string.IsNullOrEmpty(descriptor.Subject))
        {
            descriptor.Subject = context.Principal.GetClaim(Claims.Subject);
        }

        descriptor.Properties[MethodProperty] = JsonSerializer.SerializeToElement(method);
        if ((context.Principal.GetClaim(AddressClaim) ?? ClientAddress.Of(http)) is { } address)
        {
            descriptor.Properties[AddressProperty] = JsonSerializer.SerializeToElement(address);
        }

        if (method == SignInMethods.Browser
            && (await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Principal?.FindFirst(SessionClaims.BrowserSession)?.Value is { } browser)
        {
            descriptor.Properties[BrowserSessionProperty] = JsonSerializer.SerializeToElement(browser);
        }

        await authorizations.UpdateAsync(authorization, descriptor, context.CancellationToken);
    }

    /// <summary>How the sign-in began, when this one begins a session; null when it continues one.</summary>
    private static string? MethodOf(ProcessSignInContext context) => context.EndpointType switch
    {
        OpenIddictServerEndpointType.Authorization => SignInMethods.Browser,
        OpenIddictServerEndpointType.EndUserVerification => SignInMethods.DeviceCode,
        OpenIddictServerEndpointType.Token when context.Request.IsPasswordGrantType() => SignInMethods.Password,
        _ => null,
    };
}

/// <summary>The values of <see cref="Contracts.Api.SessionView.SignInMethod"/>.</summary>
public static class SignInMethods
{
    public const string Browser = "browser";
    public const string Password = "password";
    public const string DeviceCode = "device_code";

    /// <summary>A session whose start was not recorded: one begun before the server recorded how sessions begin.</summary>
    public const string Unknown = "unknown";
}
