namespace Conclave.Server.Account;

/// <summary>
/// A signed-in person's own surface: who am I (<c>/api/me</c>), password change, authenticator enrolment,
/// and the steps of a first sign-in on the sign-in page (the same changes, in the browser).
/// </summary>
public static class AccountModule
{
    public static IServiceCollection AddConclaveAccount(this IServiceCollection services)
    {
        services.AddScoped<AccountChanges>();
        return services;
    }

    public static void MapConclaveAccount(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapMeEndpoint();
        app.MapSessionEndpoints();
        app.MapFirstSignInPage();
    }
}
