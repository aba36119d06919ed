namespace Conclave.Protocols.Dtls;

/// <summary>The outcome of <see cref="DtlsSrtpEndpoint.HandshakeAsync(DtlsRole, DtlsCertificate, DtlsFingerprint, DtlsPacketChannel, DtlsSrtpOptions, CancellationToken)"/>.</summary>
public sealed class DtlsSrtpResult
{
    private DtlsSrtpResult(DtlsSrtpError error, int? alertDescription, DtlsSrtpSession? session)
    {
        Error = error;
        AlertDescription = alertDescription;
        Session = session;
    }

    /// <summary>Whether keys were agreed; then <see cref="Session"/> is set.</summary>
    public bool Succeeded => Error == DtlsSrtpError.None;

    /// <summary>Why the handshake failed, or <see cref="DtlsSrtpError.None"/>.</summary>
    public DtlsSrtpError Error { get; }

    /// <summary>The TLS alert (RFC 5246 §7.2) received or sent when the handshake failed, if any.</summary>
    public int? AlertDescription { get; }

    /// <summary>The established association: keys, peer fingerprint, close_notify.</summary>
    public DtlsSrtpSession? Session { get; }

    /// <summary>Shortcut to <see cref="DtlsSrtpSession.Keys"/>.</summary>
    public DtlsSrtpKeys? Keys => Session?.Keys;

    internal static DtlsSrtpResult Success(DtlsSrtpSession session) => new(DtlsSrtpError.None, null, session);

    internal static DtlsSrtpResult Failure(DtlsSrtpError error, int? alertDescription = null) =>
        new(error, alertDescription, null);

    public override string ToString() =>
        Succeeded ? $"DTLS-SRTP established (profile 0x{Keys!.ProtectionProfile:X4})" : $"DTLS-SRTP failed: {Error} (alert {AlertDescription})";
}
