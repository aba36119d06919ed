namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Calls: registering a device, ringing, answering, signaling and in-call features (the call hub).</summary>
    public static class Call
    {
        public const string WrongState = "call.wrong_state";
        public const string NotParty = "call.not_party";
        public const string NotFound = "call.not_found";
        public const string Busy = "call.busy";
        public const string Self = "call.self";
        public const string E2eeRequired = "call.e2ee_required";
        public const string UnknownCallee = "call.unknown_callee";
        public const string NoDevice = "call.no_device";
        public const string CalleeOffline = "call.callee_offline";
        public const string PstnUnavailable = "call.pstn_unavailable";
        public const string RateLimited = "call.rate_limited";
        public const string E2eeActive = "call.e2ee_active";
        public const string NotAvailable = "call.not_available";
        public const string StandardMediaUnavailable = "call.standard_media_unavailable";
        public const string InvalidArgument = "call.invalid_argument";
        public const string InvalidDescription = "call.invalid_description";
        public const string InvalidCandidate = "call.invalid_candidate";
        public const string UnknownFeature = "call.unknown_feature";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(WrongState, "The action does not fit the call's state (e.g. accepting a call that already ended)."),
            new(NotParty, "The device is not a party to this call."),
            new(NotFound, "There is no such call."),
            new(Busy, "The caller or the callee is in another call."),
            new(Self, "A user cannot call himself."),
            new(E2eeRequired, "A policy requires end-to-end encryption and this call cannot have it; the E2EE reasons say why."),
            new(UnknownCallee, "There is no user of this UPN."),
            new(NoDevice, "The connection must register its device before placing or answering calls."),
            new(CalleeOffline, "The callee has no device connected."),
            new(PstnUnavailable, "Calls to telephone numbers are not available."),
            new(RateLimited, "Too many calls placed: try again after RetryAfterSeconds."),
            new(E2eeActive, "The feature needs the media, which only the two endpoints of an end-to-end encrypted call can read: turn end-to-end encryption off for it."),
            new(NotAvailable, "The feature is not available in a standard call yet."),
            new(StandardMediaUnavailable, "The call is not end-to-end encrypted and no media processor is offered for standard calls."),
            new(InvalidArgument, "A hub argument is missing, empty, too long or malformed; the message names it."),
            new(InvalidDescription, "The SDP is not a well-formed offer or answer within the size bound, or not the kind the call expects."),
            new(InvalidCandidate, "The trickled ICE candidate is not a well-formed candidate line within the size bound."),
            new(UnknownFeature, "Not an in-call feature; the message lists the known ones."),
        ];
    }

    /// <summary>The server's media processor (standard calls): why it did not open a leg.</summary>
    public static class Media
    {
        public const string InvalidOffer = "media.invalid_offer";
        public const string LegExists = "media.leg_exists";
        public const string Capacity = "media.capacity";
        public const string Unavailable = "media.unavailable";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(InvalidOffer, "The device's offer lacks what the media processor needs (ICE credentials, a SHA-256 fingerprint, PCMU audio)."),
            new(LegExists, "This device already has a media leg in the call."),
            new(Capacity, "The media processor has no room for another leg (port range or leg limit)."),
            new(Unavailable, "No media processor is running on this server."),
        ];
    }

    /// <summary>The TURN relay's API (<c>/api/me/turn-credentials</c>).</summary>
    public static class Relay
    {
        public const string NoUser = "relay.no_user";
        public const string Unavailable = "relay.unavailable";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(NoUser, "403: the token names no user the relay can apply its per-user quota to."),
            new(Unavailable, "503: no TURN relay is configured on this server."),
        ];
    }
}
