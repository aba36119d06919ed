using Conclave.Domain.Calls;
using Conclave.Domain.Policies.Questions;
using Conclave.Server.Directory;
using Conclave.Server.Policies;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Calls;

public sealed partial class CallService
{
    /// <summary>Live calls on this node (ringing or connected).</summary>
    public int ActiveCalls => live.Count;

    private static PlaceCallAnswer Refuse(SignalError error) => PlaceCallAnswer.Refused(error);

    private async Task<E2eeSettingAnswer> SettingOfAsync(string userId, CancellationToken cancellationToken)
    {
        if (!PolicyIds.TryUser(userId, out var user))
        {
            // Apps (client credentials) have no E2EE setting: they never hold call keys.
            return new E2eeSettingAnswer(false, E2eeReason.Policy, E2eeMode.Disabled);
        }

        var directory = await policies.WithFreshGroupsAsync(user, cancellationToken);
        return directory.E2ee.EffectiveE2eeCallSetting(user);
    }

    private async Task<ConclaveUser?> FindUserAsync(string upn)
    {
        using var scope = scopes.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>().FindByNameAsync(upn);
        return user is { Enabled: true } ? user : null;
    }

    /// <summary>
    /// Stores the ended call, tells every device of it, closes its media legs, writes the audit record. The
    /// history comes first, so a device told of a missed call finds it in GetMissedCalls. Not cancellable: the
    /// call is over whether or not the device that ended it is still there.
    /// </summary>
    private async Task AnnounceEndAsync(CallEntry entry)
    {
        var session = entry.Session;
        var reason = session.EndReason.ToString();
        List<string> callee = [.. entry.Ringing.Keys];
        if (entry.Callee is not null)
        {
            callee.Add(entry.Callee.ConnectionId);
        }

        entry.Ringing.Clear();
        await RecordAsync(session, entry.Caller.Upn, entry.CalleeUpn, CancellationToken.None);
        await hub.Clients.Client(entry.Caller.ConnectionId).CallEnded(new CallEndedMessage(session.Id, reason, Missed: false));
        await hub.Clients.Clients(callee).CallEnded(new CallEndedMessage(session.Id, reason, session.IsMissed));

        // Contract step 5: every end path comes through here, so no leg outlives its call.
        await media.CloseCallAsync(session.Id, reason);
        await audit.EndedAsync(session, entry.Caller.Upn, entry.CalleeUpn);
    }

    /// <summary>One history record for an ended call (<see cref="CallHistory"/>).</summary>
    private Task RecordAsync(CallSession session, string callerUpn, string calleeUpn, CancellationToken cancellationToken) =>
        history.RecordAsync(
            new CallRecord
            {
                CallId = session.Id,
                CallerId = session.CallerId,
                CallerUpn = callerUpn,
                CalleeId = session.CalleeId,
                CalleeUpn = calleeUpn,
                PlacedAt = session.PlacedAt,
                AnsweredAt = session.ConnectedAt,
                EndedAt = session.EndedAt ?? time.GetUtcNow(),
                EndReason = session.EndReason.ToString(),
                EndToEnd = session.E2ee.EndToEnd,
                Missed = session.IsMissed,
            },
            cancellationToken);
}
