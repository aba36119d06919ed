using System.Security.Claims;
using System.Security.Cryptography;
using Conclave.Contracts.Errors;
using Conclave.Domain.Calls;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Policies;
using Conclave.Server.Presence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Calls;

/// <summary>
/// Ringing and answering of the one-to-one calls of this node: registering devices (<see cref="DeviceRegistry"/>),
/// placing a call, ringing the callee's devices, the first accept winning, declining, cancelling, hanging up,
/// the ring timeout, busy, and the E2EE verdict. Every ended call is stored (<see cref="CallHistory"/>).
/// The media set-up of a connected call is the <see cref="SdpRelay"/>'s and the <see cref="StandardMediaBridge"/>'s.
/// The lock of <see cref="LiveCalls"/> serialises the state changes; pushes, the history and audit records happen after it is released.
/// </summary>
public sealed partial class CallService(
    DeviceRegistry devices,
    IHubContext<CallHub, ICallClient> hub,
    PolicyService policies,
    IceServerIssuer iceServers,
    CallHistory history,
    CallAudit audit,
    RingLimiter rings,
    LiveCalls live,
    StandardMediaBridge media,
    IServiceScopeFactory scopes,
    IOptionsMonitor<CallOptions> options,
    [FromKeyedServices(CallService.ClockKey)] TimeProvider time)
{
    /// <summary>Key of the <see cref="TimeProvider"/> the ring timeout runs on (tests put a fake clock there).</summary>
    public const string ClockKey = "calls";

    public enum EndAction
    {
        Decline,
        Cancel,
        HangUp,
    }

    /// <summary>Registers the connection as a device of its user; <paramref name="deviceName"/> is checked (Calls/Hub/HubArguments.cs).</summary>
    public async Task<DeviceInfo> RegisterAsync(string connectionId, ClaimsPrincipal user, string deviceName, bool e2eeCapable, string? from, CancellationToken cancellationToken)
    {
        // The hub's policy admits users only; the UPN comes from the token's upn claim, never a display name.
        if (CallerIdentity.Of(user) is not { IsUser: true } caller)
        {
            return DeviceInfo.Refused(new SignalError(ErrorCodes.Auth.UserRequired, "Only a signed-in user can register a device."));
        }

        var userId = caller.Subject;
        var displayName = userId;
        using (var scope = scopes.CreateScope())
        {
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>().FindByIdAsync(userId);
            if (account is not null)
            {
                displayName = account.DisplayName;
            }
        }

        var device = new RegisteredDevice(connectionId, deviceName + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)), userId, caller.Upn!, displayName, e2eeCapable, from);
        devices.Register(device);
        return new DeviceInfo(device.DeviceId, device.UserId, device.Upn, device.E2eeCapable);
    }

    /// <summary>Places a call to <paramref name="calleeUpn"/>, a normalised UPN or tel: URI (Calls/Hub/HubArguments.cs).</summary>
    public async Task<PlaceCallAnswer> PlaceAsync(string connectionId, string calleeUpn, CancellationToken cancellationToken)
    {
        if (devices.Find(connectionId) is not { } caller)
        {
            return Refuse(CallErrors.NoDevice().ToSignal());
        }

        // Every attempt counts, whatever its outcome: unknown, offline and refused callees cost a ring too.
        if (!rings.TryRing(caller.UserId, calleeUpn, out var retryAfter))
        {
            var seconds = (int)Math.Max(1, Math.Ceiling(retryAfter.TotalSeconds));
            await audit.RateLimitedAsync(caller, calleeUpn, retryAfter);
            return Refuse(new SignalError(ErrorCodes.Call.RateLimited, $"Too many calls placed; try again in {seconds} s.") { RetryAfterSeconds = seconds });
        }

        var callerParty = new E2eeParty(caller.Upn, await SettingOfAsync(caller.UserId, cancellationToken), caller.E2eeCapable);
        if (calleeUpn.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
        {
            // Nothing on the telephone side can hold keys; there is no PSTN gateway yet either.
            var pstn = E2eeEligibility.Decide(callerParty, callerParty with { Name = calleeUpn }, CallKind.Pstn);
            return new PlaceCallAnswer(null, new SignalError(ErrorCodes.Call.PstnUnavailable, "Calls to telephone numbers are not available."), pstn.ToInfo(), []);
        }

        var callee = await FindUserAsync(calleeUpn);
        if (callee is null)
        {
            return Refuse(CallErrors.UnknownCallee(calleeUpn).ToSignal());
        }

        if (callee.Id == caller.UserId)
        {
            return Refuse(CallErrors.SelfCall().ToSignal());
        }

        var calleeSetting = await SettingOfAsync(callee.Id, cancellationToken);
        var calleeDevices = devices.DevicesOf(callee.Id);
        if (calleeDevices.Count == 0)
        {
            var offline = E2eeEligibility.Decide(callerParty, new E2eeParty(callee.UserName!, calleeSetting, DeviceCapable: true));
            var now = time.GetUtcNow();
            await history.RecordAsync(
                new CallRecord
                {
                    CallId = Guid.NewGuid(),
                    CallerId = caller.UserId,
                    CallerUpn = caller.Upn,
                    CalleeId = callee.Id,
                    CalleeUpn = callee.UserName!,
                    PlacedAt = now,
                    EndedAt = now,
                    EndReason = CallRecord.OfflineReason,
                    EndToEnd = offline.EndToEnd,
                    Missed = true,
                },
                cancellationToken);
            return new PlaceCallAnswer(null, new SignalError(ErrorCodes.Call.CalleeOffline, $"{callee.UserName} has no device connected."), offline.ToInfo(), []);
        }

        var perDevice = calleeDevices
            .Select(d => (Device: d, Decision: E2eeEligibility.Decide(callerParty, new E2eeParty(callee.UserName!, calleeSetting, d.E2eeCapable))))
            .ToList();
        var ringable = perDevice.Where(p => !p.Decision.Refused).ToList();
        if (ringable.Count == 0)
        {
            var refused = perDevice[0].Decision;
            await audit.RefusedAsync(caller, callee.UserName!, refused);
            return new PlaceCallAnswer(null, new SignalError(ErrorCodes.Call.E2eeRequired, "End-to-end encryption is required, and this call cannot have it. " + refused.Summary), refused.ToInfo(), []);
        }

        // While it rings the caller sees the best verdict a callee device offers; the accepting device's is final.
        var provisional = ringable.FirstOrDefault(p => p.Decision.EndToEnd).Decision ?? ringable[0].Decision;
        var session = new CallSession(Guid.NewGuid(), caller.UserId, caller.DeviceId, callee.Id, provisional, time.GetUtcNow(), options.CurrentValue.RingTimeout);
        var entry = new CallEntry(session, caller, callee.UserName!);
        lock (live.Gate)
        {
            if (live.IsBusy(caller.UserId))
            {
                return Refuse(new SignalError(ErrorCodes.Call.Busy, "You are already in a call."));
            }

            if (live.IsBusy(callee.Id))
            {
                session.Busy(time.GetUtcNow());
                entry = null;
            }
            else
            {
                foreach (var (device, decision) in ringable)
                {
                    entry.Ringing[device.ConnectionId] = (device, decision);
                }

                live.Add(entry);
                entry.RingTimer = time.CreateTimer(_ => _ = RingTimedOutAsync(session.Id), null, session.RingTimeout, Timeout.InfiniteTimeSpan);
            }
        }

        await audit.PlacedAsync(caller, callee.UserName!, session);
        if (entry is null)
        {
            await RecordAsync(session, caller.Upn, callee.UserName!, cancellationToken);
            await audit.EndedAsync(session, caller.Upn, callee.UserName!);
            return new PlaceCallAnswer(session.Id, new SignalError(ErrorCodes.Call.Busy, $"{callee.UserName} is in another call."), provisional.ToInfo(), []);
        }

        var callerName = caller.DisplayName;
        foreach (var (device, decision) in ringable)
        {
            await hub.Clients.Client(device.ConnectionId).IncomingCall(
                new IncomingCallMessage(session.Id, caller.Upn, callerName, decision.ToInfo(), iceServers.For(device.UserId)));
        }

        return new PlaceCallAnswer(session.Id, null, provisional.ToInfo(), iceServers.For(caller.UserId));
    }

    public async Task<AcceptAnswer> AcceptAsync(string connectionId, Guid callId, CancellationToken cancellationToken)
    {
        List<string> stopRinging;
        CallEntry? entry;
        E2eeDecision decision;
        lock (live.Gate)
        {
            if (!live.TryGet(callId, out entry))
            {
                return new AcceptAnswer(CallErrors.NotFound().ToSignal(), null, []);
            }

            if (!entry.Ringing.TryGetValue(connectionId, out var ringing))
            {
                // Another device answered first, or this device never rang for it.
                return new AcceptAnswer(CallErrors.WrongState(entry.Session.State, "accepted on this device").ToSignal(), null, []);
            }

            var accepted = entry.Session.Accept(ringing.Device.UserId, ringing.Device.DeviceId, time.GetUtcNow(), ringing.Decision);
            if (!accepted.IsSuccess)
            {
                return new AcceptAnswer(accepted.Error.ToSignal(), null, []);
            }

            entry.RingTimer?.Dispose();
            entry.Callee = ringing.Device;
            decision = ringing.Decision;
            stopRinging = [.. entry.Ringing.Keys.Where(k => k != connectionId)];
            entry.Ringing.Clear();
        }

        await hub.Clients.Clients(stopRinging).CallEnded(new CallEndedMessage(callId, "AnsweredElsewhere", Missed: false));
        var message = new CallAcceptedMessage(callId, entry.Callee.DeviceId, decision.ToInfo());
        await hub.Clients.Clients([entry.Caller.ConnectionId, connectionId]).CallAccepted(message);
        await audit.AnsweredAsync(entry);
        return new AcceptAnswer(null, decision.ToInfo(), iceServers.For(entry.Callee.UserId));
    }

    public async Task<SignalError?> EndAsync(string connectionId, Guid callId, EndAction action, CancellationToken cancellationToken)
    {
        CallEntry? entry;
        lock (live.Gate)
        {
            if (!live.TryGet(callId, out entry) || entry.PartyOf(connectionId) is not { } userId)
            {
                return CallErrors.NotFound().ToSignal();
            }

            var now = time.GetUtcNow();
            var result = action switch
            {
                EndAction.Decline => entry.Session.Decline(userId, now),
                EndAction.Cancel => entry.Session.Cancel(userId, now),
                _ => entry.Session.HangUp(userId, now),
            };
            if (!result.IsSuccess)
            {
                return result.Error.ToSignal();
            }

            live.Forget(entry);
        }

        await AnnounceEndAsync(entry);
        return null;
    }

    public async Task<SignalError> RequestFeatureAsync(string connectionId, Guid callId, CallFeature feature, CancellationToken cancellationToken)
    {
        SignalError answer;
        CallEntry? entry;
        RegisteredDevice? asking;
        lock (live.Gate)
        {
            if (!live.TryGet(callId, out entry) || entry.PartyOf(connectionId) is null)
            {
                return CallErrors.NotFound().ToSignal();
            }

            answer = CallFeatures.Request(entry.Session, feature).ToSignal();
            asking = entry.DeviceOf(connectionId);
        }

        await audit.FeatureRefusedAsync(entry, asking, feature, answer.Code);
        return answer;
    }

    /// <summary>The missed calls of the connection's user, from the store (<see cref="CallHistory.MissedCallsOfAsync"/>).</summary>
    public async Task<IReadOnlyList<MissedCallInfo>> MissedCallsOfAsync(string connectionId, CancellationToken cancellationToken) =>
        devices.Find(connectionId) is { } device ? await history.MissedCallsOfAsync(device.UserId, cancellationToken) : [];

    public async Task DisconnectedAsync(string connectionId)
    {
        var device = devices.Remove(connectionId);
        if (device is null)
        {
            return;
        }

        List<CallEntry> ended = [];
        lock (live.Gate)
        {
            foreach (var entry in live.Snapshot())
            {
                entry.Ringing.Remove(connectionId);
                var isCaller = entry.Caller.ConnectionId == connectionId;
                var isCallee = entry.Callee?.ConnectionId == connectionId;
                if ((isCaller || isCallee) && entry.Session.HangUp(device.UserId, time.GetUtcNow()).IsSuccess)
                {
                    live.Forget(entry);
                    ended.Add(entry);
                }
            }
        }

        foreach (var entry in ended)
        {
            await AnnounceEndAsync(entry);
        }
    }

    private async Task RingTimedOutAsync(Guid callId)
    {
        CallEntry? entry;
        lock (live.Gate)
        {
            if (!live.TryGet(callId, out entry) || !entry.Session.RingTimedOut(time.GetUtcNow()).IsSuccess)
            {
                return;
            }

            live.Forget(entry);
        }

        await AnnounceEndAsync(entry);
    }
}
