using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Sessions;

/// <summary>
/// Every hub method invocation asks <see cref="PrincipalState"/> first: a connection opened before its
/// account was disabled (or its password changed) on any node cannot act, and is closed.
/// </summary>
internal sealed class SessionHubFilter(IServiceScopeFactory scopes) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(
        HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var caller = invocationContext.Context;
        if (caller.User is not { } principal)
        {
            caller.Abort();
            throw new HubException("Not signed in.");
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            var refusal = await scope.ServiceProvider.GetRequiredService<PrincipalState>().CheckAsync(principal, caller.ConnectionAborted);
            if (refusal is not null)
            {
                caller.Abort();
                throw new HubException($"{refusal.Code}: {refusal.Message}");
            }
        }

        return await next(invocationContext);
    }
}
