using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Auth;

/// <summary>The authorization server (OpenIddict) and local validation of its access tokens for /api.</summary>
public static class OpenIddictSetup
{
    public static void AddConclaveOpenIddict(this IServiceCollection services, TokenIssuanceOptions tokens, TokenKeyStore keys)
    {
        services.AddOpenIddict()
            .AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ConclaveDbContext>())
            .AddServer(server =>
            {
                server.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token")
                    .SetDeviceAuthorizationEndpointUris("connect/device")
                    .SetEndUserVerificationEndpointUris("connect/verify")
                    .SetRevocationEndpointUris("connect/revoke")
                    .SetUserInfoEndpointUris("connect/userinfo");
                server.AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange()
                    .AllowDeviceAuthorizationFlow()
                    .AllowPasswordFlow()
                    .AllowClientCredentialsFlow()
                    .AllowRefreshTokenFlow();
                server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.OfflineAccess, BuiltInClients.ApiScope);
                server.SetAccessTokenLifetime(tokens.AccessTokenLifetime)
                    .SetRefreshTokenLifetime(tokens.RefreshTokenLifetime)
                    .SetRefreshTokenReuseLeeway(tokens.RefreshTokenReuseLeeway)
                    .SetDeviceCodeLifetime(tokens.DeviceCodeLifetime)
                    .SetUserCodeLifetime(tokens.DeviceCodeLifetime)
                    .SetAuthorizationCodeLifetime(tokens.AuthorizationCodeLifetime);
                if (tokens.Issuer is not null)
                {
                    server.SetIssuer(tokens.Issuer);
                }

                server.AddSigningKey(keys.SigningKey).AddEncryptionKey(keys.EncryptionKey);
                server.Configure(o =>
                {
                    // RFC 7636 §4.2: "plain" exposes the verifier; only S256 is accepted.
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });
                server.AddEventHandler(DeviceRequestOrigin.Descriptor);
                server.AddEventHandler(SecondFactorParameters.Descriptor);
                // What the account's owner sees of each session (Sessions/SignInSessions): how and whence it began.
                server.AddEventHandler(Sessions.SessionOrigin.Descriptor);
                server.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough();
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.AddAudiences(BuiltInClients.ApiResource);
                // Checks the token entry on every call, so that revoked (or family-revoked) tokens stop at once.
                validation.EnableTokenEntryValidation();
                // ...and asks the directory whether the token's user or app may still act (disabled,
                // password changed): Sessions/PrincipalState.
                validation.AddEventHandler(Sessions.AccessTokenStateHandler.Descriptor);
                // Bearer header only: tokens in query strings or forms leak into logs and caches. The
                // signaling hub, which browsers reach over WebSockets, is the one exception
                // (Calls/Hub/HubAccessTokenMiddleware).
                validation.UseAspNetCore()
                    .DisableAccessTokenExtractionFromQueryString()
                    .DisableAccessTokenExtractionFromBodyForm();
            });

        services.Configure<Microsoft.AspNetCore.Authentication.AuthenticationOptions>(o =>
        {
            o.DefaultScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            o.DefaultAuthenticateScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            o.DefaultChallengeScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            o.DefaultForbidScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;
            o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
        });
    }
}
