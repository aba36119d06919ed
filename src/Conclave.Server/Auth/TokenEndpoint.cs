using System.Security.Claims;
using System.Text.Json;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.ConditionalAccess;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Auth;

/// <summary>POST /connect/token once OpenIddict has validated the request: decides who the token is for.</summary>
public static class TokenEndpoint
{
    public const string ConclaveCodeParameter = "conclave_code";

    public static void MapTokenEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/connect/token", HandleAsync).AllowAnonymous().DisableAntiforgery()
            // RFC 6749 §5.1 and §5.2: the token response and the error response (with conclave_code), written by OpenIddict.
            .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
            .Produces<Dictionary<string, JsonElement>>().Produces<Dictionary<string, JsonElement>>(StatusCodes.Status400BadRequest);

    private static async Task<IResult> HandleAsync(
        HttpContext context,
        SignInService signIns,
        ClaimsFactory claims,
        IssuanceRules rules,
        ConclaveDbContext db,
        ConditionalAccessGate gate,
        SignInTelemetry telemetry,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("No OpenID request.");
        var result = await DecideAsync(context, request, signIns, claims, rules, db, gate, cancellationToken);
        Record(result, request, telemetry, loggers.CreateLogger(typeof(TokenEndpoint).FullName!));
        return result;
    }

    private static async Task<IResult> DecideAsync(
        HttpContext context,
        OpenIddictRequest request,
        SignInService signIns,
        ClaimsFactory claims,
        IssuanceRules rules,
        ConclaveDbContext db,
        ConditionalAccessGate gate,
        CancellationToken cancellationToken)
    {
        if (request.IsPasswordGrantType())
        {
            if (request.ClientId != BuiltInClients.Cli)
            {
                return Refuse(Errors.UnauthorizedClient, "The password grant is only for conclave-cli.", null);
            }

            var credentials = new SignInService.Credentials(
                request.Username, request.Password, SecondFactorParameters.Read(context, SecondFactorParameters.Totp),
                SecondFactorParameters.Read(context, SecondFactorParameters.RecoveryCode));
            var result = await signIns.SignInAsync(credentials, ClientAddress.Of(context), "password", cancellationToken);
            if (!result.IsSuccess)
            {
                return Refuse(result.Error);
            }

            // Conditional access, application SignIn: a fresh sign-in has no device yet, so RequireCompliantDevice waits
            // for the first refresh and every chat or admin request (docs/security.md, "Conditional access").
            var user = result.Value.User;
            if (await gate.CheckAsync(SignInAccess(context, user.Id, user.UserName, result.Value.MultiFactor, null, request, ignoreDevice: true), cancellationToken) is { } denied)
            {
                return Refuse(denied);
            }

            return SignIn(await claims.CreateAsync(user, request.GetScopes(), result.Value.MultiFactor));
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsDeviceCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            // The session goes on only under the rules a fresh sign-in would meet now (IssuanceRules);
            // claims are rebuilt from the directory so the new token carries current roles.
            var authenticated = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (authenticated.Principal is null)
            {
                return Refuse(Errors.InvalidGrant, "The grant is not valid.", null);
            }

            var principal = await rules.ContinueAsync(authenticated.Principal, authenticated.Principal.GetScopes());
            if (!principal.IsSuccess)
            {
                return Refuse(Errors.InvalidGrant, principal.Error.Message, principal.Error.Code);
            }

            // A code or device code ends a fresh sign-in (no device yet); a refresh continues a device, so its compliance counts.
            var continued = principal.Value;
            var access = SignInAccess(
                context, continued.GetClaim(Claims.Subject)!, continued.GetClaim(ConclaveClaims.Upn), SessionClaims.PerformedMfa(continued),
                authenticated.Principal.GetAuthorizationId(), request, ignoreDevice: !request.IsRefreshTokenGrantType());
            return await gate.CheckAsync(access, cancellationToken) is { } denied ? Refuse(denied) : SignIn(continued);
        }

        if (request.IsClientCredentialsGrantType())
        {
            var app = await db.AppRegistrations.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == request.ClientId, cancellationToken);
            if (app is null || !app.Enabled)
            {
                return Refuse(Errors.InvalidClient, "Unknown or disabled app registration.", null);
            }

            var roles = app.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
            return SignIn(ClaimsFactory.CreateForApp(app.ClientId, app.DisplayName, roles, request.GetScopes()));
        }

        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.", null);
    }

    private static ConditionalAccessGate.Access SignInAccess(
        HttpContext context, string userId, string? upn, bool multiFactor, string? deviceId, OpenIddictRequest request, bool ignoreDevice) =>
        new(userId, upn, AccessApplications.SignIn, AccessContext.AddressOf(context), multiFactor, deviceId,
            $"token {request.GrantType}", ignoreDevice);

    /// <summary>Counts and logs the answer: the grant type, the client id and the error codes, nothing the request carried as a secret.</summary>
    private static void Record(IResult result, OpenIddictRequest request, SignInTelemetry telemetry, ILogger logger)
    {
        var grantType = request.GrantType ?? "none";
        if (result is SignInHttpResult)
        {
            telemetry.TokensIssued(grantType);
            AuthLog.TokensIssued(logger, request.ClientId, grantType);
        }
        else if (result is ForbidHttpResult { Properties: { } properties })
        {
            var error = properties.GetString(OpenIddictServerAspNetCoreConstants.Properties.Error) ?? Errors.AccessDenied;
            var code = properties.GetParameter<string>(ConclaveCodeParameter);
            telemetry.TokenRefused(grantType, error);
            AuthLog.TokenRefused(logger, request.ClientId, grantType, error, code);
        }
    }

    private static IResult SignIn(ClaimsPrincipal principal) =>
        Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    private static IResult Refuse(Error error)
    {
        var oauthError = error.Code is ErrorCodes.Auth.InvalidCredentials or ErrorCodes.Auth.MfaInvalid or ErrorCodes.Auth.MfaRequired
            ? Errors.InvalidGrant
            : Errors.AccessDenied;
        return Refuse(oauthError, error.Message, error.Code);
    }

    private static IResult Refuse(string error, string description, string? conclaveCode)
    {
        var properties = new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });
        if (conclaveCode is not null)
        {
            properties.SetParameter(ConclaveCodeParameter, conclaveCode);
            ErrorEmission.Report(conclaveCode, ErrorChannel.TokenResponse);
        }

        return Results.Forbid(properties, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }
}
