using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// Runs a DTLS-SRTP handshake (RFC 5764, with WebRTC's rules from RFC 8827 §6.5) over a
/// <see cref="DtlsPacketChannel"/>. The DTLS engine is blocking, so each handshake runs on a thread of its own.
/// </summary>
public static class DtlsSrtpEndpoint
{
    /// <inheritdoc cref="HandshakeAsync(DtlsRole, DtlsCertificate, DtlsFingerprint, DtlsPacketChannel, DtlsSrtpOptions, CancellationToken)"/>
    public static Task<DtlsSrtpResult> HandshakeAsync(
        DtlsRole role,
        DtlsCertificate localCertificate,
        DtlsFingerprint expectedRemoteFingerprint,
        DtlsPacketChannel transport,
        CancellationToken cancellationToken = default) =>
        HandshakeAsync(role, localCertificate, expectedRemoteFingerprint, transport, DtlsSrtpOptions.Default, cancellationToken);

    /// <summary>
    /// Performs the handshake as <paramref name="role"/>. The result carries keys and a session on
    /// success, or a <see cref="DtlsSrtpError"/>; it does not throw for protocol failures.
    /// </summary>
    public static Task<DtlsSrtpResult> HandshakeAsync(
        DtlsRole role,
        DtlsCertificate localCertificate,
        DtlsFingerprint expectedRemoteFingerprint,
        DtlsPacketChannel transport,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(localCertificate);
        ArgumentNullException.ThrowIfNull(expectedRemoteFingerprint);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        _ = options.ProfileIds();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromResult(DtlsSrtpResult.Failure(DtlsSrtpError.Canceled));
        }

        return Task.Factory.StartNew(
            () => Handshake(role, localCertificate, expectedRemoteFingerprint, transport, options, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Runs one in-memory handshake with throwaway certificates so that the first real call does not
    /// pay for loading and JIT-compiling the DTLS engine (about a second on a cold process).
    /// A host calls it once at startup; it returns whether the handshake succeeded.
    /// </summary>
    public static async Task<bool> WarmUpAsync(CancellationToken cancellationToken = default)
    {
        using var clientCertificate = DtlsCertificate.Generate();
        using var serverCertificate = DtlsCertificate.Generate();
        DtlsPacketChannel? serverChannel = null;
        var clientChannel = new DtlsPacketChannel(datagram => serverChannel!.Deliver(datagram));
        serverChannel = new DtlsPacketChannel(datagram => clientChannel.Deliver(datagram));
        Task<DtlsSrtpResult> server = HandshakeAsync(
            DtlsRole.Server, serverCertificate, clientCertificate.Fingerprint, serverChannel, cancellationToken);
        DtlsSrtpResult client = await HandshakeAsync(
            DtlsRole.Client, clientCertificate, serverCertificate.Fingerprint, clientChannel, cancellationToken).ConfigureAwait(false);
        DtlsSrtpResult accepted = await server.ConfigureAwait(false);
        await CloseIfOpen(client).ConfigureAwait(false);
        await CloseIfOpen(accepted).ConfigureAwait(false);
        return client.Succeeded && accepted.Succeeded;
    }

    private static async Task CloseIfOpen(DtlsSrtpResult result)
    {
        if (result.Session is { } session)
        {
            await session.CloseAsync().ConfigureAwait(false);
            session.Keys.Dispose();
        }
    }

    private static DtlsSrtpResult Handshake(
        DtlsRole role,
        DtlsCertificate certificate,
        DtlsFingerprint expected,
        DtlsPacketChannel channel,
        DtlsSrtpOptions options,
        CancellationToken cancellationToken)
    {
        var crypto = new BcTlsCrypto(new SecureRandom());
        var outcome = new DtlsHandshakeOutcome();
        using CancellationTokenRegistration registration = cancellationToken.Register(channel.Cancel);
        try
        {
            DtlsTransport transport = role == DtlsRole.Client
                ? new DtlsClientProtocol().Connect(new DtlsSrtpClient(crypto, certificate, expected, options, outcome), channel)

                // ICE has already proven the peer answers on this 5-tuple (RFC 8445 §7.2), so the
                // HelloVerifyRequest cookie round trip (RFC 6347 §4.2.1) would only add latency.
                : new DtlsServerProtocol { VerifyRequests = false }
                    .Accept(new DtlsSrtpServer(crypto, certificate, expected, options, outcome), channel);

            // The last flight (the server's Finished) is sent without a wait after it.
            channel.Flush();
            return DtlsSrtpResult.Success(new DtlsSrtpSession(role, transport, channel, outcome));
        }
        catch (IOException e)
        {
            return Classify(outcome, e, cancellationToken);
        }
    }

    private static DtlsSrtpResult Classify(DtlsHandshakeOutcome outcome, IOException cause, CancellationToken cancellationToken)
    {
        if (outcome.Error != DtlsSrtpError.None)
        {
            int? sent = cause is TlsFatalAlert alert ? alert.AlertDescription : null;
            return DtlsSrtpResult.Failure(outcome.Error, sent);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return DtlsSrtpResult.Failure(DtlsSrtpError.Canceled);
        }

        return cause switch
        {
            TlsTimeoutException => DtlsSrtpResult.Failure(DtlsSrtpError.Timeout),
            TlsFatalAlertReceived received => DtlsSrtpResult.Failure(DtlsSrtpError.AlertReceived, received.AlertDescription),
            TlsFatalAlert sent => DtlsSrtpResult.Failure(DtlsSrtpError.HandshakeFailed, sent.AlertDescription),
            _ => DtlsSrtpResult.Failure(DtlsSrtpError.HandshakeFailed),
        };
    }
}
