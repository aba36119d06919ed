using System.Net;
using Conclave.Protocols.Dtls;

namespace Conclave.Server.Media;

/// <summary>Media processor log lines with fixed event ids. Never logs SDP, fingerprints or keys.</summary>
internal static partial class MediaProcessorLog
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Media leg for call {CallId} device {DeviceId} opened on {EndPoint}")]
    public static partial void LegOpened(ILogger logger, Guid callId, string deviceId, IPEndPoint? endPoint);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Media leg for call {CallId} device {DeviceId} connected from {Device}")]
    public static partial void LegConnected(ILogger logger, Guid callId, string deviceId, IPEndPoint? device);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Media leg for call {CallId} device {DeviceId}: DTLS-SRTP failed ({Error})")]
    public static partial void HandshakeFailed(ILogger logger, Guid callId, string deviceId, DtlsSrtpError error);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Media leg for call {CallId} device {DeviceId} closed ({Reason})")]
    public static partial void LegClosed(ILogger logger, Guid callId, string deviceId, string reason);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Debug, Message = "Offer for call {CallId} refused: {Code}")]
    public static partial void OfferRefused(ILogger logger, Guid callId, string code);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Error, Message = "A media leg audit record could not be written")]
    public static partial void AuditFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Warning, Message = "Media processor legs would be announced as {Address}, which no device can reach: set Conclave:MediaProcessor:AnnouncedAddress")]
    public static partial void UnspecifiedAddress(ILogger logger, IPAddress address);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Error, Message = "Media leg socket cannot bind {Address}: {Error}")]
    public static partial void BindFailed(ILogger logger, IPAddress address, System.Net.Sockets.SocketError error);
}
