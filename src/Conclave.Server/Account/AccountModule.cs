namespace Conclave.Server.Account;

/// <summary>A signed-in person's own surface: who am I (<c>/api/me</c>), password change, authenticator enrolment.</summary>
public static class AccountModule
{
    public static void MapConclaveAccount(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapMeEndpoint();
    }
}
