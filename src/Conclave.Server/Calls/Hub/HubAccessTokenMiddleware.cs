using Conclave.Contracts.Chat;
using Microsoft.Net.Http.Headers;

namespace Conclave.Server.Calls;

/// <summary>
/// Browsers cannot set headers on a WebSocket, so SignalR clients send the access token as the
/// <c>access_token</c> query parameter. Token extraction from the query string is off everywhere else
/// (query strings end up in proxies' and servers' logs); this middleware accepts it on the two hubs'
/// paths (calls and chat) alone by moving it into the Authorization header before authentication runs.
/// </summary>
internal sealed class HubAccessTokenMiddleware(RequestDelegate next)
{
    private const string QueryParameter = "access_token";

    public Task InvokeAsync(HttpContext context)
    {
        if ((context.Request.Path.StartsWithSegments(CallHub.Path, StringComparison.OrdinalIgnoreCase)
                || context.Request.Path.StartsWithSegments(ChatHubNames.Path, StringComparison.OrdinalIgnoreCase))
            && !context.Request.Headers.ContainsKey(HeaderNames.Authorization)
            && context.Request.Query.TryGetValue(QueryParameter, out var token)
            && token.Count == 1
            && !string.IsNullOrEmpty(token[0]))
        {
            context.Request.Headers.Authorization = "Bearer " + token[0];
        }

        return next(context);
    }
}
