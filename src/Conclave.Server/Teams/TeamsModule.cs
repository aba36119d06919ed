namespace Conclave.Server.Teams;

/// <summary>Teams and channels (docs/api.md, "Teams and channels"): the REST API at <see cref="TeamEndpoints.Path"/>; channel posts are chats.</summary>
public static class TeamsModule
{
    public static IServiceCollection AddConclaveTeams(this IServiceCollection services)
    {
        services.AddScoped<TeamReader>();
        services.AddScoped<TeamService>();
        return services;
    }

    /// <summary>Maps the team API (on a group that requires authorization).</summary>
    public static void MapConclaveTeams(this IEndpointRouteBuilder app) => app.MapTeamEndpoints();
}
