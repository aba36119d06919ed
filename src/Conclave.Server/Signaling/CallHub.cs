using Conclave.Server.Auth;
using Conclave.Server.Calls;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Signaling;

/// <summary>
/// The call signaling hub at <see cref="Path"/>: a device registers with its capabilities, then places,
/// answers and ends one-to-one calls and exchanges SDP and trickled candidates with its peer. Needs a
/// valid access token (WebSocket clients pass it as <c>access_token</c> in the query). The hub relays
/// descriptions as opaque text: fingerprints, never keys, pass through it, and none is stored or logged.
/// A user's surface: an app registration's token is refused (403 <c>auth.user_required</c>) before it connects.
/// </summary>
[Authorize(Policy = ConclavePolicies.User)]
public sealed class CallHub(CallService calls) : Hub<ICallClient>
{
    public const string Path = "/hubs/calls";

    public Task<DeviceInfo> RegisterDevice(string deviceName, bool e2eeCapable) =>
        calls.RegisterAsync(Context.ConnectionId, Context.User!, deviceName, e2eeCapable, ClientAddress.Of(Context.GetHttpContext()!), Context.ConnectionAborted);

    public Task<PlaceCallAnswer> PlaceCall(string calleeUpn) => calls.PlaceAsync(Context.ConnectionId, calleeUpn, Context.ConnectionAborted);

    public Task<AcceptAnswer> Accept(Guid callId) => calls.AcceptAsync(Context.ConnectionId, callId, Context.ConnectionAborted);

    public Task<SignalError?> Decline(Guid callId) => calls.EndAsync(Context.ConnectionId, callId, CallService.EndAction.Decline, Context.ConnectionAborted);

    public Task<SignalError?> Cancel(Guid callId) => calls.EndAsync(Context.ConnectionId, callId, CallService.EndAction.Cancel, Context.ConnectionAborted);

    public Task<SignalError?> HangUp(Guid callId) => calls.EndAsync(Context.ConnectionId, callId, CallService.EndAction.HangUp, Context.ConnectionAborted);

    public Task<SignalError?> SendDescription(Guid callId, string type, string sdp) => calls.RelayDescriptionAsync(Context.ConnectionId, callId, type, sdp);

    public Task<SignalError?> SendCandidate(Guid callId, string? candidate) => calls.RelayCandidateAsync(Context.ConnectionId, callId, candidate);

    /// <summary>Asks for an in-call feature (StartRecording, Captions, …); answers with the refusal code.</summary>
    public Task<SignalError> RequestFeature(Guid callId, string feature) => calls.RequestFeatureAsync(Context.ConnectionId, callId, feature, Context.ConnectionAborted);

    public IReadOnlyList<MissedCallInfo> GetMissedCalls() => calls.MissedCallsOf(Context.ConnectionId);

    public override Task OnDisconnectedAsync(Exception? exception) => calls.DisconnectedAsync(Context.ConnectionId);
}
