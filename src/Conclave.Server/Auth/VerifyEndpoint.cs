using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Conclave.Server.Auth;

/// <summary>
/// GET/POST /connect/verify: a signed-in person enters a device's user_code, sees who asks (the
/// application, the account it would act as, the address the request came from) and approves or
/// denies it (RFC 8628 §3.3; §5.4 on remote phishing).
/// </summary>
public static class VerifyEndpoint
{
    public const string Path = "/connect/verify";

    public const string Approve = "approve";
    public const string Deny = "deny";

    public static void MapVerifyEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/html").Produces(StatusCodes.Status302Found);
        app.MapPost(Path, PostAsync).AllowAnonymous().DisableAntiforgery().Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    private static async Task<IResult> GetAsync(
        HttpContext context, IAntiforgery antiforgery, IssuanceRules rules, IOpenIddictApplicationManager applications)
    {
        var user = await SignedInUserAsync(context, rules);
        if (user is null)
        {
            return ToLogin(context);
        }

        var status = context.Request.Query["status"].ToString();
        if (status is "approved" or "denied")
        {
            var done = status == "approved"
                ? "The device is signed in. You can close this page."
                : "The request was denied: the device is not signed in. You can close this page.";
            return HtmlPage.Render("Sign in a device", $"<p role=\"status\">{HtmlPage.Encode(done)}</p>");
        }

        var request = context.GetOpenIddictServerRequest();
        if (string.IsNullOrEmpty(request?.UserCode))
        {
            return EntryForm(null);
        }

        var device = await UserCodePrincipalAsync(context);
        if (device is null)
        {
            return EntryForm("That code is not valid or has expired.", StatusCodes.Status400BadRequest);
        }

        return await DecisionFormAsync(context, antiforgery, applications, user, request.UserCode, device, null);
    }

    private static async Task<IResult> PostAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IssuanceRules rules,
        IOpenIddictApplicationManager applications,
        IAuditLog audit,
        CancellationToken cancellationToken)
    {
        var user = await SignedInUserAsync(context, rules);
        if (user is null)
        {
            return ToLogin(context);
        }

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return EntryForm("The form expired; please try again.", StatusCodes.Status400BadRequest);
        }

        var device = await UserCodePrincipalAsync(context);
        if (device is null)
        {
            return EntryForm("That code is not valid or has expired.", StatusCodes.Status400BadRequest);
        }

        var client = device.GetPresenters().FirstOrDefault();
        var decision = (await context.Request.ReadFormAsync(cancellationToken))["decision"].ToString();
        if (decision == Deny)
        {
            await audit.RecordAsync(
                new AuditEntry(DeviceAuditActions.DeviceDenied, AuditOutcome.Success, user.Id, user.UserName, FromAddress: ClientAddress.Of(context),
                    Details: Details(client, device)),
                cancellationToken);

            // A challenge at the verification endpoint makes OpenIddict reject the user code and the
            // device code: the polling device gets access_denied (RFC 8628 §3.5).
            return Results.Forbid(
                new AuthenticationProperties { RedirectUri = Path + "?status=denied" },
                [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        if (decision != Approve)
        {
            return await DecisionFormAsync(
                context, antiforgery, applications, user, context.GetOpenIddictServerRequest()?.UserCode, device,
                "Choose Approve or Deny.", StatusCodes.Status400BadRequest);
        }

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var principal = await rules.ContinueAsync(session.Principal!, device.GetScopes());
        if (!principal.IsSuccess)
        {
            return ToLogin(context);
        }

        // The session is the device's: it signed in from where the device asked, not from this browser.
        if (device.GetClaim(DeviceRequestOrigin.ClaimType) is { } origin)
        {
            principal.Value.SetClaim(SessionOrigin.AddressClaim, origin);
        }

        await audit.RecordAsync(
            new AuditEntry(AuditActions.DeviceApproved, AuditOutcome.Success, user.Id, user.UserName, FromAddress: ClientAddress.Of(context),
                Details: Details(client, device)),
            cancellationToken);
        return Results.SignIn(
            principal.Value,
            new AuthenticationProperties { RedirectUri = Path + "?status=approved" },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// The principal of the request's user_code, or null when there is none or it is unknown, expired,
    /// used or denied. OpenIddict has already looked the code up; its authentication then succeeds
    /// even without a valid code (with an empty principal), so the token type is what tells.
    /// </summary>
    private static async Task<ClaimsPrincipal?> UserCodePrincipalAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return result.Succeeded && result.Principal?.HasTokenType(OpenIddictConstants.TokenTypeIdentifiers.Private.UserCode) == true ? result.Principal : null;
    }

    private static JsonObject Details(string? client, ClaimsPrincipal device) => new()
    {
        ["client"] = client,
        ["requestedFrom"] = device.GetClaim(DeviceRequestOrigin.ClaimType),
    };

    /// <summary>The person signed in by the session cookie, if that session may still go on (<see cref="IssuanceRules"/>).</summary>
    private static async Task<ConclaveUser?> SignedInUserAsync(HttpContext context, IssuanceRules rules)
    {
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            return null;
        }

        var user = await rules.CheckAsync(cookie.Principal!);
        if (!user.IsSuccess)
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return null;
        }

        return user.Value;
    }

    private static IResult ToLogin(HttpContext context) =>
        Results.Redirect($"{LoginPage.Path}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}");

    /// <summary>Asks for the code (a GET form: looking a code up changes nothing).</summary>
    private static IResult EntryForm(string? error, int status = StatusCodes.Status200OK)
    {
        var message = error is null ? "" : $"<p role=\"alert\">{HtmlPage.Encode(error)}</p>";
        var body = $"""
            {message}
            <form method="get" action="{Path}">
            <label>Code shown by the device <input name="user_code" autocomplete="off" required></label>
            <button type="submit">Continue</button>
            </form>
            """;
        return HtmlPage.Render("Sign in a device", body, status);
    }

    /// <summary>Shows who asks, as whom and from where, with Approve and Deny; every value encoded.</summary>
    private static async Task<IResult> DecisionFormAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IOpenIddictApplicationManager applications,
        ConclaveUser user,
        string? userCode,
        ClaimsPrincipal device,
        string? error,
        int status = StatusCodes.Status200OK)
    {
        var clientId = device.GetPresenters().FirstOrDefault();
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId, context.RequestAborted);
        var displayName = application is null ? null : await applications.GetDisplayNameAsync(application, context.RequestAborted);
        var clientText = string.IsNullOrWhiteSpace(displayName) ? clientId ?? "an unknown application" : $"{displayName} ({clientId})";
        var requestedAt = device.GetCreationDate() is { } created
            ? " at " + created.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "";
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? "" : $"<p role=\"alert\">{HtmlPage.Encode(error)}</p>";
        var body = $"""
            {message}
            <dl>
            <dt>Application</dt><dd>{HtmlPage.Encode(clientText)}</dd>
            <dt>Would sign in as</dt><dd>{HtmlPage.Encode(user.UserName)}</dd>
            <dt>Requested from</dt><dd>{HtmlPage.Encode(device.GetClaim(DeviceRequestOrigin.ClaimType) ?? "an unknown address")}{HtmlPage.Encode(requestedAt)}</dd>
            <dt>This page is open from</dt><dd>{HtmlPage.Encode(ClientAddress.Of(context))}</dd>
            </dl>
            <p>Approve only if you started this sign-in yourself, on a device in front of you. If someone sent you this code, deny it.</p>
            <form method="post" action="{Path}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            <label>Code shown by the device <input name="user_code" value="{HtmlPage.Encode(userCode)}" readonly></label>
            <button type="submit" name="decision" value="{Approve}">Approve</button>
            <button type="submit" name="decision" value="{Deny}">Deny</button>
            </form>
            """;
        return HtmlPage.Render("Sign in a device", body, status);
    }
}
