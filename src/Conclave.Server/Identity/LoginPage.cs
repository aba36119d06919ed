using Conclave.Contracts.Errors;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Identity;

/// <summary>
/// GET/POST /account/login: the minimal sign-in page (password, then an authenticator code or, for someone
/// without their authenticator, one of their single-use recovery codes) that sets the session cookie.
/// </summary>
public static class LoginPage
{
    public const string Path = "/account/login";

    public static void MapLoginPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (HttpContext context, IAntiforgery antiforgery, string? returnUrl) =>
            Form(context, antiforgery, LocalOnly(returnUrl), null)).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapPost(Path, PostAsync).AllowAnonymous().DisableAntiforgery().Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    private static async Task<IResult> PostAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        SignInService signIns,
        SignInManager<ConclaveUser> signInManager,
        FirstSignInSteps firstSignIn,
        CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "A form is expected.", extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.Request.Malformed });
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        var returnUrl = LocalOnly(form["returnUrl"]);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Form(context, antiforgery, returnUrl, "The form expired; please try again.", StatusCodes.Status400BadRequest);
        }

        var (result, pending) = await signIns.SignInOrFirstAsync(
            new SignInService.Credentials(form["upn"], form["password"], form["totp"], form["recovery_code"]),
            ClientAddress.Of(context),
            "web",
            cancellationToken);
        if (pending is not null)
        {
            // The credentials were right, and the account has a first sign-in to finish: a new password
            // and/or an authenticator, on the pages of the steps, then back to the return URL signed in.
            firstSignIn.Issue(
                context, pending.User, pending.MustChangePassword ? FirstSignInStage.Password : FirstSignInStage.Enrol, pending.MultiFactor, returnUrl);
            return Results.Redirect(FirstSignInSteps.Path);
        }

        if (!result.IsSuccess)
        {
            return Form(context, antiforgery, returnUrl, result.Error.Message, StatusCodes.Status400BadRequest);
        }

        await SessionCookie.SignInAsync(context, signInManager, result.Value.User, result.Value.MultiFactor);
        return Results.Redirect(LocalReturnUrl.OrDefault(returnUrl));
    }

    /// <summary>The return URL if it is a safe local path, else none: a hostile one is not carried through the form.</summary>
    private static string? LocalOnly(string? returnUrl) => LocalReturnUrl.TryNormalize(returnUrl, out var path) ? path : null;

    private static IResult Form(HttpContext context, IAntiforgery antiforgery, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var message = error is null ? "" : $"<p role=\"alert\">{HtmlPage.Encode(error)}</p>";
        var signedIn = context.Request.Query.ContainsKey("signedIn") ? "<p>You are signed in.</p>" : "";
        var body = $"""
            {signedIn}{message}
            <form method="post" action="{Path}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            {HtmlPage.Hidden("returnUrl", returnUrl)}
            <label>User name (UPN) <input name="upn" autocomplete="username" required></label>
            <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
            <label>Authenticator code <input name="totp" inputmode="numeric" autocomplete="one-time-code"></label>
            <details><summary>Use a recovery code instead</summary>
            <label>Recovery code <input name="recovery_code" autocomplete="off" spellcheck="false"></label>
            </details>
            <button type="submit">Sign in</button>
            </form>
            """;
        return HtmlPage.Render("Sign in", body, status);
    }
}
