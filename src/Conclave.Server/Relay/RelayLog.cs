using System.Net;

namespace Conclave.Server.Relay;

/// <summary>Relay log lines with fixed event ids. Never logs passwords, keys or nonces' MACs.</summary>
internal static partial class RelayLog
{
    [LoggerMessage(EventId = 5000, Level = LogLevel.Information, Message = "TURN relay listening on {Transport} {EndPoint}")]
    public static partial void Listening(ILogger logger, RelayTransport transport, IPEndPoint endPoint);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Allocation {Relayed} created for user {UserId} from {Transport} {Client}, lifetime {Lifetime}")]
    public static partial void AllocationCreated(ILogger logger, IPEndPoint relayed, string userId, RelayTransport transport, IPEndPoint client, TimeSpan lifetime);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Information, Message = "Allocation {Relayed} of user {UserId} deleted ({Reason})")]
    public static partial void AllocationDeleted(ILogger logger, IPEndPoint relayed, string userId, string reason);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Debug, Message = "{Method} from {Transport} {Client} refused: {Code} {Refusal}")]
    public static partial void Refused(ILogger logger, Conclave.Protocols.Stun.StunMethod method, RelayTransport transport, IPEndPoint client, int code, RelayRefusal refusal);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "TURN relay listener {Transport} failed")]
    public static partial void ListenerFailed(ILogger logger, RelayTransport transport, Exception exception);

    [LoggerMessage(EventId = 5006, Level = LogLevel.Warning, Message = "Relayed addresses would be reported as {Address}, which no client can reach: set Conclave:Relay:RelayAddress to this host's address (Conclave:Relay:ListenAddress may stay 0.0.0.0)")]
    public static partial void UnspecifiedRelayAddress(ILogger logger, System.Net.IPAddress address);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Debug, Message = "Stream client {Client} on {Transport} closed")]
    public static partial void StreamClosed(ILogger logger, RelayTransport transport, IPEndPoint client);
}
