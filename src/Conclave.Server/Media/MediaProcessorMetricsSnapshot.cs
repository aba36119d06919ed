namespace Conclave.Server.Media;

/// <summary>Media processor counters at one moment, for the admin API. Counts since start.</summary>
/// <param name="LegsOpen">Legs (one per device of a standard call) open now.</param>
/// <param name="LegsOpened">Legs opened since start.</param>
/// <param name="LegsConnected">Legs whose DTLS-SRTP came up.</param>
/// <param name="HandshakeFailures">Legs whose DTLS-SRTP failed (fingerprint mismatch, alert, timeout).</param>
/// <param name="PacketsForwarded">SRTP and SRTCP packets forwarded from one leg to the other.</param>
/// <param name="BytesForwarded">Bytes of those packets as sent.</param>
/// <param name="PacketsRefused">Datagrams dropped: from an address that is not the leg's device, undecryptable, of an unnegotiated payload type, or before both legs were up.</param>
public sealed record MediaProcessorMetricsSnapshot(
    long LegsOpen,
    long LegsOpened,
    long LegsConnected,
    long HandshakeFailures,
    long PacketsForwarded,
    long BytesForwarded,
    long PacketsRefused);
