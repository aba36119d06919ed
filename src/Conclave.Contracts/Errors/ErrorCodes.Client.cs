namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Codes the .NET client gives its own failures; the server never sends them.</summary>
    public static class Client
    {
        public const string InvalidResponse = "client.invalid_response";
        public const string CallEnded = "call.ended";
        public const string CallError = "call.error";
        public const string MediaClosed = "call.media_closed";
        public const string ConnectionLost = "call.connection_lost";

        /// <summary>
        /// The prefix of a media set-up failure's code; the client appends the media error's name
        /// (<c>call.media_</c> + e.g. <c>IceFailed</c>). Not a code by itself, so not in <see cref="Catalog"/>.
        /// </summary>
        public const string MediaPrefix = "call.media_";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(InvalidResponse, "The server's answer could not be read (not the JSON the contract describes)."),
            new(CallEnded, "The call ended before the awaited step (connected, media ready)."),
            new(CallError, "The call failed for a reason the client could not name more precisely."),
            new(MediaClosed, "The media endpoint closed before the call's media was ready (the message of a call.error)."),
            new(ConnectionLost, "The connection to the call hub closed: calls on this device are over and no call can ring on it until it connects again."),
        ];
    }
}
