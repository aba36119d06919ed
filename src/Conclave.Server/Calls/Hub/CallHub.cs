using Conclave.Server.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Calls;

/// <summary>
/// The call signaling hub at <see cref="Path"/>: a device registers with its capabilities, then places,
/// answers and ends one-to-one calls and exchanges SDP and trickled candidates with its peer. Needs a
/// valid access token (WebSocket clients pass it as <c>access_token</c> in the query). The hub relays
/// descriptions as opaque text: fingerprints, never keys, pass through it, and none is stored or logged.
/// A user's surface: an app registration's token is refused (403 <c>auth.user_required</c>) before it connects.
/// Every argument is checked here (<see cref="HubArguments"/>) and a bad one is answered with a refusal.
/// </summary>
[Authorize(Policy = ConclavePolicies.User)]
public sealed class CallHub(CallService calls, SdpRelay relay) : Hub<ICallClient>
{
    public const string Path = "/hubs/calls";

    public Task<DeviceInfo> RegisterDevice(string? deviceName, bool? e2eeCapable) =>
        HubArguments.TryDeviceName(deviceName, out var name, out var error) && HubArguments.TryFlag(e2eeCapable, "e2eeCapable", out var capable, out error)
            ? calls.RegisterAsync(Context.ConnectionId, Context.User!, name, capable, ClientAddress.Of(Context.GetHttpContext()!), Context.ConnectionAborted)
            : Task.FromResult(DeviceInfo.Refused(error));

    public Task<PlaceCallAnswer> PlaceCall(string? calleeUpn) =>
        HubArguments.TryCallee(calleeUpn, out var callee, out var error)
            ? calls.PlaceAsync(Context.ConnectionId, callee, Context.ConnectionAborted)
            : Task.FromResult(PlaceCallAnswer.Refused(error));

    public Task<AcceptAnswer> Accept(string? callId) =>
        HubArguments.TryCallId(callId, out var id, out var error)
            ? calls.AcceptAsync(Context.ConnectionId, id, Context.ConnectionAborted)
            : Task.FromResult(AcceptAnswer.Refused(error));

    public Task<SignalError?> Decline(string? callId) => EndAsync(callId, CallService.EndAction.Decline);

    public Task<SignalError?> Cancel(string? callId) => EndAsync(callId, CallService.EndAction.Cancel);

    public Task<SignalError?> HangUp(string? callId) => EndAsync(callId, CallService.EndAction.HangUp);

    public Task<SignalError?> SendDescription(string? callId, string? type, string? sdp)
    {
        if (!HubArguments.TryCallId(callId, out var id, out var error))
        {
            return Task.FromResult<SignalError?>(error);
        }

        return HubArguments.CheckDescription(type, sdp) is { } invalid
            ? Task.FromResult<SignalError?>(invalid)
            : relay.RelayDescriptionAsync(Context.ConnectionId, id, type!, sdp!);
    }

    public Task<SignalError?> SendCandidate(string? callId, string? candidate)
    {
        if (!HubArguments.TryCallId(callId, out var id, out var error))
        {
            return Task.FromResult<SignalError?>(error);
        }

        return HubArguments.CheckCandidate(candidate) is { } invalid
            ? Task.FromResult<SignalError?>(invalid)
            : relay.RelayCandidateAsync(Context.ConnectionId, id, candidate);
    }

    /// <summary>Asks for an in-call feature (StartRecording, Captions, …); answers with the refusal code.</summary>
    public Task<SignalError> RequestFeature(string? callId, string? feature) =>
        !HubArguments.TryCallId(callId, out var id, out var error) || !HubArguments.TryFeature(feature, out var parsed, out error)
            ? Task.FromResult(error)
            : calls.RequestFeatureAsync(Context.ConnectionId, id, parsed, Context.ConnectionAborted);

    /// <summary>The user's missed calls, the latest per caller with a count (docs/api.md), from the stored call history.</summary>
    public Task<IReadOnlyList<MissedCallInfo>> GetMissedCalls() => calls.MissedCallsOfAsync(Context.ConnectionId, Context.ConnectionAborted);

    public override Task OnDisconnectedAsync(Exception? exception) => calls.DisconnectedAsync(Context.ConnectionId);

    private Task<SignalError?> EndAsync(string? callId, CallService.EndAction action) =>
        HubArguments.TryCallId(callId, out var id, out var error)
            ? calls.EndAsync(Context.ConnectionId, id, action, Context.ConnectionAborted)
            : Task.FromResult<SignalError?>(error);
}
