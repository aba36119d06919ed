using System.Text.Json.Nodes;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;

namespace Conclave.Server.Auth;

/// <summary>GET/POST /connect/verify: a signed-in person enters and approves a device's user_code (RFC 8628 §3.3).</summary>
public static class VerifyEndpoint
{
    public const string Path = "/connect/verify";

    public static void MapVerifyEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).AllowAnonymous();
        app.MapPost(Path, PostAsync).AllowAnonymous().DisableAntiforgery();
    }

    private static async Task<IResult> GetAsync(HttpContext context, IAntiforgery antiforgery, IssuanceRules rules)
    {
        var user = await SignedInUserAsync(context, rules);
        if (user is null)
        {
            return ToLogin(context);
        }

        var request = context.GetOpenIddictServerRequest();
        var status = context.Request.Query["status"] == "approved" ? "<p role=\"status\">The device is signed in. You can close this page.</p>" : "";
        return Form(context, antiforgery, request?.UserCode, status);
    }

    private static async Task<IResult> PostAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        IssuanceRules rules,
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
            return Form(context, antiforgery, null, "<p role=\"alert\">The form expired; please try again.</p>", StatusCodes.Status400BadRequest);
        }

        // OpenIddict has already looked the user_code up; a failed result means unknown, expired or used.
        var device = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (!device.Succeeded || device.Principal is null)
        {
            return Form(context, antiforgery, null, "<p role=\"alert\">That code is not valid or has expired.</p>", StatusCodes.Status400BadRequest);
        }

        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var principal = await rules.ContinueAsync(session.Principal!, device.Principal.GetScopes());
        if (!principal.IsSuccess)
        {
            return ToLogin(context);
        }

        await audit.RecordAsync(
            new AuditEntry(AuditActions.DeviceApproved, AuditOutcome.Success, user.Id, user.UserName, FromAddress: ClientAddress.Of(context),
                Details: new JsonObject { ["client"] = device.Principal.GetPresenters().FirstOrDefault() }),
            cancellationToken);
        return Results.SignIn(
            principal.Value,
            new AuthenticationProperties { RedirectUri = Path + "?status=approved" },
            OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

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

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string? userCode, string message, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = $"""
            {message}
            <form method="post" action="{Path}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            <label>Code shown by the device <input name="user_code" value="{HtmlPage.Encode(userCode)}" required></label>
            <button type="submit">Approve</button>
            </form>
            """;
        return HtmlPage.Render("Sign in a device", body, status);
    }
}
