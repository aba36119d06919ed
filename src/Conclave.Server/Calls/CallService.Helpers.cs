using Conclave.Domain.Calls;
using Conclave.Domain.Policies.Questions;
using Conclave.Server.Directory;
using Conclave.Server.Policies;
using Conclave.Server.Signaling;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Calls;

public sealed partial class CallService
{
    /// <summary>Live calls on this node (ringing or connected).</summary>
    public int ActiveCalls
    {
        get
        {
            lock (_gate)
            {
                return _calls.Count;
            }
        }
    }

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

    /// <summary>Caller or callee with a ringing or connected call (the caller of a call counts while it rings).</summary>
    private bool IsBusy(string userId) =>
        _calls.Values.Any(c => c.Session.State != CallState.Ended && c.Session.IsParty(userId));

    /// <summary>The user id acting for <paramref name="connectionId"/> in the call: the caller's device, the connected callee device, or a ringing one.</summary>
    private static string? PartyOf(CallEntry entry, string connectionId) =>
        connectionId == entry.Caller.ConnectionId ? entry.Caller.UserId
        : entry.Callee?.ConnectionId == connectionId ? entry.Callee.UserId
        : entry.Ringing.TryGetValue(connectionId, out var ringing) ? ringing.Device.UserId
        : null;

    /// <summary>The device of <paramref name="connectionId"/> in the call: the caller's, the connected callee's, or a ringing one.</summary>
    private static RegisteredDevice? DeviceOf(CallEntry entry, string connectionId) =>
        connectionId == entry.Caller.ConnectionId ? entry.Caller
        : entry.Callee?.ConnectionId == connectionId ? entry.Callee
        : entry.Ringing.TryGetValue(connectionId, out var ringing) ? ringing.Device
        : null;

    private string? PeerConnection(Guid callId, string connectionId)
    {
        lock (_gate)
        {
            return _calls.TryGetValue(callId, out var entry) && entry.Session.State == CallState.Connected ? entry.PeerOf(connectionId) : null;
        }
    }

    /// <summary>Drops an ended call; under the lock.</summary>
    private void Forget(CallEntry entry)
    {
        entry.RingTimer?.Dispose();
        _calls.Remove(entry.Session.Id);
    }

    /// <summary>Tells every device of an ended call, records a missed call, writes the audit record.</summary>
    private async Task AnnounceEndAsync(CallEntry entry, CancellationToken cancellationToken)
    {
        var session = entry.Session;
        var reason = session.EndReason.ToString();
        List<string> callee = [.. entry.Ringing.Keys];
        if (entry.Callee is not null)
        {
            callee.Add(entry.Callee.ConnectionId);
        }

        entry.Ringing.Clear();
        await hub.Clients.Client(entry.Caller.ConnectionId).CallEnded(new CallEndedMessage(session.Id, reason, Missed: false));
        await hub.Clients.Clients(callee).CallEnded(new CallEndedMessage(session.Id, reason, session.IsMissed));

        // Contract step 5: every end path comes through here, so no leg outlives its call.
        await media.CloseCallAsync(session.Id, reason);
        if (session.IsMissed)
        {
            missed.Add(session.CalleeId, new MissedCallInfo(session.Id, entry.Caller.Upn, session.PlacedAt, reason));
        }

        await audit.EndedAsync(session, entry.Caller.Upn, entry.CalleeUpn);
    }
}
