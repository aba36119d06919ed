using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Account;

/// <summary>
/// The steps of a first sign-in on the server's sign-in page, for the web app (<c>/connect/authorize</c>) and
/// the device-code flow (<c>/connect/verify</c>) alike: after the one-time password was accepted at
/// <c>/account/login</c>, a new password; where the account requires an authenticator and has none, its
/// enrolment (QR code, key as text, a current code, then the recovery codes once); then the session cookie
/// and the return URL, as a normal sign-in ends. The state between the steps is <see cref="FirstSignInSteps"/>'
/// cookie; every form carries an anti-forgery token; the changes are <see cref="AccountChanges"/>', the
/// account API's own.
/// </summary>
public static class FirstSignInPage
{
    public const string PasswordPath = FirstSignInSteps.Path + "/password";
    public const string EnrolPath = FirstSignInSteps.Path + "/authenticator";
    public const string ConfirmPath = FirstSignInSteps.Path + "/authenticator/confirm";

    private const string Title = "First sign-in";

    private static readonly Error FormExpired = new(ErrorCodes.Request.Invalid, "The form expired; please try again.");

    public static void MapFirstSignInPage(this IEndpointRouteBuilder app)
    {
        app.MapGet(FirstSignInSteps.Path, GetAsync).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapPost(PasswordPath, PasswordAsync).AllowAnonymous().DisableAntiforgery()
            .Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapPost(EnrolPath, EnrolAsync).AllowAnonymous().DisableAntiforgery()
            .Produces(StatusCodes.Status302Found).Produces<string>(StatusCodes.Status200OK, "text/html");
        app.MapPost(ConfirmPath, ConfirmAsync).AllowAnonymous().DisableAntiforgery()
            .Produces<string>(StatusCodes.Status200OK, "text/html");
    }

    /// <summary>The form of the step this browser is at.</summary>
    private static async Task<IResult> GetAsync(HttpContext context, IAntiforgery antiforgery, FirstSignInSteps steps, AccountChanges changes)
    {
        var step = await steps.ReadAsync(context, expected: null);
        if (!step.IsSuccess)
        {
            return StartOver(step.Error);
        }

        return step.Value.Stage switch
        {
            FirstSignInStage.Password => PasswordForm(context, antiforgery, step.Value.User, null),
            FirstSignInStage.Enrol => EnrolForm(context, antiforgery, null),
            _ => await ConfirmFormAsync(context, antiforgery, changes, step.Value.User, null),
        };
    }

    private static async Task<IResult> PasswordAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        FirstSignInSteps steps,
        AccountChanges changes,
        SignInService signIns,
        SignInManager<ConclaveUser> signInManager,
        CancellationToken cancellationToken)
    {
        var (form, step) = await ReadPostAsync(context, antiforgery, steps, FirstSignInStage.Password, cancellationToken);
        if (!step.IsSuccess)
        {
            return StartOver(step.Error);
        }

        var user = step.Value.User;
        var newPassword = form!["newPassword"].ToString();
        if (newPassword.Length == 0)
        {
            return PasswordForm(context, antiforgery, user, new Error(ErrorCodes.Request.Invalid, "Choose a new password."));
        }

        if (!string.Equals(newPassword, form["confirmPassword"].ToString(), StringComparison.Ordinal))
        {
            return PasswordForm(context, antiforgery, user, new Error(ErrorCodes.Auth.PasswordRejected, "The two new passwords differ: type the same password twice."));
        }

        var changed = await changes.SetPasswordAsync(user, newPassword, ClientAddress.Of(context), cancellationToken);
        if (!changed.IsSuccess)
        {
            return PasswordForm(context, antiforgery, user, changed.Error);
        }

        if (!user.TwoFactorEnabled && await signIns.RequiresMfaAsync(user))
        {
            // The account requires an authenticator (an admin role does): enrolment is the next step.
            await changes.StartEnrolmentAsync(user, ClientAddress.Of(context), cancellationToken);
            steps.Issue(context, user, FirstSignInStage.Confirm, multiFactor: false, step.Value.ReturnUrl);
            return Results.Redirect(FirstSignInSteps.Path);
        }

        await FinishAsync(context, signIns, signInManager, user, step.Value.MultiFactor, cancellationToken);
        return Results.Redirect(LocalReturnUrl.OrDefault(step.Value.ReturnUrl));
    }

    private static async Task<IResult> EnrolAsync(
        HttpContext context, IAntiforgery antiforgery, FirstSignInSteps steps, AccountChanges changes, CancellationToken cancellationToken)
    {
        var (_, enrolment) = await ReadEnrolmentPostAsync(context, antiforgery, steps, FirstSignInStage.Enrol, cancellationToken);
        if (!enrolment.IsSuccess)
        {
            return StartOver(enrolment.Error);
        }

        var (step, user) = enrolment.Value;
        await changes.StartEnrolmentAsync(user, ClientAddress.Of(context), cancellationToken);
        steps.Issue(context, user, FirstSignInStage.Confirm, multiFactor: false, step.ReturnUrl);
        return Results.Redirect(FirstSignInSteps.Path);
    }

    private static async Task<IResult> ConfirmAsync(
        HttpContext context,
        IAntiforgery antiforgery,
        FirstSignInSteps steps,
        AccountChanges changes,
        SignInService signIns,
        SignInManager<ConclaveUser> signInManager,
        CancellationToken cancellationToken)
    {
        var (form, enrolment) = await ReadEnrolmentPostAsync(context, antiforgery, steps, FirstSignInStage.Confirm, cancellationToken);
        if (!enrolment.IsSuccess)
        {
            return StartOver(enrolment.Error);
        }

        var (step, user) = enrolment.Value;
        var confirmed = await changes.ConfirmEnrolmentAsync(user, form!["code"], ClientAddress.Of(context), cancellationToken);
        if (!confirmed.IsSuccess)
        {
            return await ConfirmFormAsync(context, antiforgery, changes, user, confirmed.Error);
        }

        // The code of the new authenticator was checked with the new password: both factors.
        await FinishAsync(context, signIns, signInManager, user, multiFactor: true, cancellationToken);
        return RecoveryCodes(confirmed.Value, LocalReturnUrl.OrDefault(step.ReturnUrl));
    }

    /// <summary>
    /// The form and the step of a post, in that order of checks: a form, a valid anti-forgery token, then the
    /// step cookie at <paramref name="stage"/> (so no step is skipped and none is taken twice).
    /// </summary>
    private static async Task<(IFormCollection? Form, Result<FirstSignInStep> Step)> ReadPostAsync(
        HttpContext context, IAntiforgery antiforgery, FirstSignInSteps steps, FirstSignInStage stage, CancellationToken cancellationToken)
    {
        if (!context.Request.HasFormContentType)
        {
            return (null, FormExpired);
        }

        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return (form, FormExpired);
        }

        return (form, await steps.ReadAsync(context, stage));
    }

    /// <summary>
    /// A post of one of the authenticator steps: <see cref="ReadPostAsync"/>, then the step's account still
    /// free to enrol (<see cref="AccountChanges.MayEnrol"/>: its one-time password replaced, none enrolled meanwhile).
    /// </summary>
    private static async Task<(IFormCollection? Form, Result<(FirstSignInStep Step, ConclaveUser User)> Enrolment)> ReadEnrolmentPostAsync(
        HttpContext context, IAntiforgery antiforgery, FirstSignInSteps steps, FirstSignInStage stage, CancellationToken cancellationToken)
    {
        var (form, step) = await ReadPostAsync(context, antiforgery, steps, stage, cancellationToken);
        if (!step.IsSuccess)
        {
            return (form, step.Error);
        }

        var user = AccountChanges.MayEnrol(step.Value.User);
        return user.IsSuccess ? (form, (step.Value, user.Value)) : (form, user.Error);
    }

    /// <summary>The end of a first sign-in, as a normal one ends: the session cookie with its <c>amr</c>, the <c>signin</c> audit record.</summary>
    private static async Task FinishAsync(
        HttpContext context, SignInService signIns, SignInManager<ConclaveUser> signInManager, ConclaveUser user, bool multiFactor, CancellationToken cancellationToken)
    {
        await SessionCookie.SignInAsync(context, signInManager, user, multiFactor);
        FirstSignInSteps.End(context);
        await signIns.CompleteFirstSignInAsync(user, ClientAddress.Of(context), "web", cancellationToken);
    }

    private static IResult StartOver(Error error)
    {
        var body = $"""
            {Alert(error)}
            <p><a href="{LoginPage.Path}">Sign in again</a></p>
            """;
        return HtmlPage.Render(Title, body, StatusCodes.Status400BadRequest);
    }

    private static IResult PasswordForm(HttpContext context, IAntiforgery antiforgery, ConclaveUser user, Error? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = $"""
            {Alert(error)}
            <p>Choose a new password for {HtmlPage.Encode(user.UserName)}: the one-time password works only for this first sign-in.</p>
            <form method="post" action="{PasswordPath}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            <label>New password <input name="newPassword" type="password" autocomplete="new-password" required></label>
            <label>Repeat the new password <input name="confirmPassword" type="password" autocomplete="new-password" required></label>
            <button type="submit">Change password</button>
            </form>
            """;
        return HtmlPage.Render(Title, body, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static IResult EnrolForm(HttpContext context, IAntiforgery antiforgery, Error? error)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = $"""
            {Alert(error)}
            <p>Your account requires an authenticator app (an administrator role does). Set one up to finish signing in.</p>
            <form method="post" action="{EnrolPath}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            <button type="submit">Set up an authenticator</button>
            </form>
            """;
        return HtmlPage.Render(Title, body, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static async Task<IResult> ConfirmFormAsync(HttpContext context, IAntiforgery antiforgery, AccountChanges changes, ConclaveUser user, Error? error)
    {
        var enrolment = await changes.PendingEnrolmentAsync(user);
        if (enrolment is null)
        {
            return StartOver(FirstSignInSteps.Invalid);
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var body = $"""
            {Alert(error)}
            <p>Your account requires an authenticator app. Scan this QR code with it, or enter the key by hand, then enter the 6-digit code it shows.</p>
            {AuthenticatorQrCode.Svg(enrolment.OtpauthUri)}
            <p>Key: <code id="authenticator-key">{HtmlPage.Encode(enrolment.Secret)}</code></p>
            <form method="post" action="{ConfirmPath}">
            {HtmlPage.Hidden(tokens.FormFieldName, tokens.RequestToken)}
            <label>Authenticator code <input name="code" inputmode="numeric" autocomplete="one-time-code" required></label>
            <button type="submit">Confirm</button>
            </form>
            """;
        return HtmlPage.Render(Title, body, error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    }

    private static IResult RecoveryCodes(IReadOnlyList<string> codes, string continueTo)
    {
        var items = string.Concat(codes.Select(c => $"<li><code class=\"recovery-code\">{HtmlPage.Encode(c)}</code></li>"));
        var body = $"""
            <p role="status">Your authenticator is set up and you are signed in.</p>
            <p>Keep these recovery codes somewhere safe: each signs you in once if you lose your authenticator. They are not shown again.</p>
            <ul>{items}</ul>
            <p><a id="continue" href="{HtmlPage.Encode(continueTo)}">Continue</a></p>
            """;
        return HtmlPage.Render(Title, body);
    }

    private static string Alert(Error? error) =>
        error is null ? "" : $"<p role=\"alert\" data-code=\"{HtmlPage.Encode(error.Code)}\">{HtmlPage.Encode(error.Message)}</p>";
}
