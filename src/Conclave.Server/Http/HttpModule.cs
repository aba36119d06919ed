namespace Conclave.Server.Http;

/// <summary>
/// The HTTP pieces every feature shares: the authorization policies that name the current caller
/// (<see cref="ConclavePolicies"/>, <see cref="AdminPolicies"/>), RFC 9457 problem details with the stable
/// <c>code</c> (<see cref="Problems"/>), and HSTS.
/// </summary>
public static class HttpModule
{
    public static IServiceCollection AddConclaveHttp(this IServiceCollection services)
    {
        services.AddAuthorization(o =>
        {
            AdminPolicies.Add(o);
            ConclavePolicies.Add(o);
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddOpenApi();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });
        return services;
    }

    /// <summary>Every failure, thrown or bare status, answers as problem details; HTTPS is pinned by HSTS.</summary>
    public static IApplicationBuilder UseConclaveProblems(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        return app.UseHsts();
    }
}
