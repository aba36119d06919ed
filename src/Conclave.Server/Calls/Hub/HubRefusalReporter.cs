using Conclave.Server.Http;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Calls;

/// <summary>
/// The hub's exit for error codes: reports the code of every refusal a hub method answers (a
/// <see cref="SignalError"/> alone or inside a device, place or accept answer) through <see cref="ErrorEmission"/>.
/// </summary>
internal sealed class HubRefusalReporter : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var result = await next(invocationContext).ConfigureAwait(false);
        var refusal = result switch
        {
            SignalError error => error,
            DeviceInfo device => device.Error,
            PlaceCallAnswer placed => placed.Error,
            AcceptAnswer accepted => accepted.Error,
            _ => null,
        };
        if (refusal is not null)
        {
            ErrorEmission.Report(refusal.Code, ErrorChannel.Hub);
        }

        return result;
    }
}
