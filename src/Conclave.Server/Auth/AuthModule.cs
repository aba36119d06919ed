using Conclave.Server.Hosting;

namespace Conclave.Server.Auth;

/// <summary>
/// The OAuth 2.0 / OpenID Connect authorization server (OpenIddict): the token endpoint (password,
/// authorization code + PKCE, device code, refresh, client credentials), authorization, device
/// verification and userinfo, and validation of the access tokens it issues.
/// </summary>
public static class AuthModule
{
    public static IServiceCollection AddConclaveAuth(this IServiceCollection services, IConfiguration configuration, TokenKeyStore keys)
    {
        services.AddValidatedOptions<TokenIssuanceOptions>(TokenIssuanceOptions.Section);
        services.AddConclaveOpenIddict(OptionsRegistration.Read<TokenIssuanceOptions>(configuration, TokenIssuanceOptions.Section), keys);
        // OpenIddict logs every request it handles at Information; its warnings and errors are what an operator
        // needs, and its dispatchers never log below Warning (tokens and request parameters are written there).
        services.AddLogging(b => b.AddFilter("OpenIddict", LogLevel.Warning));
        services.AddOpenIddictLogCeiling();
        return services;
    }

    public static void MapConclaveAuth(this IEndpointRouteBuilder app)
    {
        app.MapTokenEndpoint();
        app.MapAuthorizeEndpoint();
        app.MapVerifyEndpoint();
        app.MapUserInfoEndpoint();
    }
}
