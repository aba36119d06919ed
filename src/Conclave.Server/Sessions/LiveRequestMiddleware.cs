namespace Conclave.Server.Sessions;

/// <summary>Registers each authenticated request with <see cref="LiveRequests"/> while it runs.</summary>
internal sealed class LiveRequestMiddleware(RequestDelegate next, LiveRequests live)
{
    public async Task InvokeAsync(HttpContext context)
    {
        using var tracked = context.User.Identity?.IsAuthenticated == true ? live.Track(context) : null;
        await next(context);
    }
}
