using System.Net;
using Conclave.Protocols.Demux;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Srtp;

namespace Conclave.Server.Media;

/// <summary>
/// One device's leg of a standard call: a UDP socket with an ICE-lite agent (RFC 8445 §2.5), DTLS-SRTP
/// as DTLS server with a fresh certificate (RFC 5764, RFC 8827 §6.5), and the SRTP contexts of the
/// leg. Packets from the device are unprotected with the leg's receive context and handed to the
/// call's <see cref="IMediaRouter"/>, which forwards them through each receiver's
/// <see cref="MediaSendContext"/> (MediaLeg.Forwarding.cs).
/// </summary>
internal sealed partial class MediaLeg : IAsyncDisposable
{
    /// <summary>Longest wait for close_notify to go out when a leg closes: the DTLS reader polls every 50 ms.</summary>
    private static readonly TimeSpan CloseNotifyWait = TimeSpan.FromSeconds(1);

    private readonly MediaOffer _offer;
    private readonly MediaProcessorOptions _options;
    private readonly MediaLegNetwork _network;
    private readonly MediaProcessorMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsPacketChannel _channel;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<DtlsSrtpError> _handshake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IceAgent? _agent;
    private DtlsSrtpSession? _session;
    private ITimer? _deadline;
    private long _answeredAt;
    private int _handshakeStarted;
    private int _closed;

    public MediaLeg(MediaLegKey key, MediaOffer offer, MediaProcessorOptions options, MediaLegNetwork network, MediaProcessorMetrics metrics, TimeProvider time)
    {
        Key = key;
        _offer = offer;
        _options = options;
        _network = network;
        _metrics = metrics;
        _time = time;

        // RFC 8827 §6.5: a fresh certificate per leg, so no two calls share a DTLS identity.
        _certificate = DtlsCertificate.Generate(time);
        _channel = new DtlsPacketChannel(SendDtls);
        SendContext = new MediaSendContext(network, metrics, offer.Vp8PayloadType, offer.HasAudio);
    }

    public MediaLegKey Key { get; }

    /// <summary>How media reaches this leg's device: its send context, payload types, socket.</summary>
    public MediaSendContext SendContext { get; }

    /// <summary>The leg's local (bound) address.</summary>
    public IPEndPoint? LocalEndPoint => _network.Socket?.LocalEndPoint;

    /// <summary>The device's address, once it passed a check (then the pair it nominated).</summary>
    public IPEndPoint? DeviceEndPoint => _network.Socket?.Device;

    /// <summary>Completes with the DTLS-SRTP outcome (<see cref="DtlsSrtpError.None"/> once SRTP is up).</summary>
    public Task<DtlsSrtpError> Handshake => _handshake.Task;

    /// <summary>Whether SRTP contexts are set and the leg is not closed.</summary>
    public bool IsUp => Volatile.Read(ref _up) && Volatile.Read(ref _closed) == 0;

    /// <summary>Gathers the leg's host candidate, writes the answer, and starts waiting for the device's DTLS.</summary>
    public async Task<string> StartAsync(IPAddress? announced, CancellationToken cancellationToken)
    {
        var agent = new IceAgent(new IceAgentOptions
        {
            Network = _network,
            Lite = true,
            TimeProvider = _time,
        });
        _agent = agent;
        agent.CheckSucceeded += check => _network.Socket?.Admit(check.Pair.Remote.Address);
        agent.SelectedPairChanged += pair => _network.Socket?.SetDevice(pair.Remote.Address);
        await agent.GatherAsync(cancellationToken).ConfigureAwait(false);
        _network.Socket!.MediaReceived = OnDatagram;
        var candidate = MediaAnswer.Announce(agent.LocalCandidates[0], announced);
        var answer = MediaAnswer.Write(_offer, agent.LocalUfrag, agent.LocalPassword, _certificate.Fingerprint, candidate);

        // The handshake (a blocking DTLS engine on a thread of its own) starts with the device's first DTLS
        // datagram (StartHandshake): as DTLS server the leg has nothing to send before the ClientHello, and a
        // leg whose device is still checking, or never comes, holds no thread. The limit runs from here.
        _answeredAt = _time.GetTimestamp();
        _deadline = _time.CreateTimer(static leg => ((MediaLeg)leg!).HandshakeDeadline(), this, _options.HandshakeTimeout, Timeout.InfiniteTimeSpan);
        return answer;
    }

    /// <summary>Ends the leg: DTLS close_notify (RFC 5246 §7.2.1) when it was up, then the socket. Idempotent.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _deadline?.Dispose();
        if (_session is { } session)
        {
            try
            {
                // The reader sends close_notify within its 50 ms poll; a stuck one does not hold the socket.
                await session.CloseAsync().WaitAsync(CloseNotifyWait, _time).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The socket is released below regardless; the device's consent checks then fail (RFC 7675 §5.1).
            }
        }

        _channel.Close();
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }

        ReleaseContexts();
        _certificate.Dispose();
        _handshake.TrySetResult(DtlsSrtpError.Canceled);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>Starts the DTLS handshake once, on the device's first DTLS datagram, with what is left of the limit.</summary>
    private void StartHandshake()
    {
        if (Volatile.Read(ref _handshakeStarted) == 0 && !_handshake.Task.IsCompleted && Interlocked.Exchange(ref _handshakeStarted, 1) == 0)
        {
            var left = _options.HandshakeTimeout - _time.GetElapsedTime(_answeredAt);
            _ = RunHandshakeAsync(left > TimeSpan.Zero ? left : TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>The handshake limit passed: a leg whose device never started DTLS fails as a handshake that timed out.</summary>
    private void HandshakeDeadline()
    {
        if (Volatile.Read(ref _handshakeStarted) == 0)
        {
            _handshake.TrySetResult(DtlsSrtpError.Timeout);
        }
    }

    private async Task RunHandshakeAsync(TimeSpan timeout)
    {
        var options = new DtlsSrtpOptions { HandshakeTimeout = timeout };
        DtlsSrtpResult result;
        try
        {
            // RFC 8842 §5.3: the answer says passive, so the device is the DTLS client and we accept.
            result = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Server, _certificate, _offer.Fingerprint, _channel, options, _stop.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            _handshake.TrySetResult(DtlsSrtpError.Canceled);
            return;
        }

        if (!result.Succeeded)
        {
            _handshake.TrySetResult(result.Error);
            return;
        }

        var session = result.Session!;
        if (!SrtpProfiles.TryFromId(session.Keys.ProtectionProfile, out var profile) || !profile.IsSupported())
        {
            session.Keys.Dispose();
            await session.CloseAsync().ConfigureAwait(false);
            _handshake.TrySetResult(DtlsSrtpError.NoCommonSrtpProfile);
            return;
        }

        SetContexts(profile, session.Keys);
        session.Keys.Dispose();
        _session = session;
        if (Volatile.Read(ref _closed) != 0)
        {
            await session.CloseAsync().ConfigureAwait(false);
            ReleaseContexts();
            _handshake.TrySetResult(DtlsSrtpError.Canceled);
            return;
        }

        _handshake.TrySetResult(DtlsSrtpError.None);
    }

    /// <summary>Non-STUN datagrams from the device's checked address, split by first byte (RFC 7983 §7).</summary>
    private void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        // RFC 7675 §5.1: once consent has expired (no checks from the device for 30 s), nothing more is accepted.
        if (_agent?.State is IceConnectionState.Failed or IceConnectionState.Closed)
        {
            _metrics.Refused();
            return;
        }

        switch (PacketClassifier.Classify(datagram))
        {
            case PacketKind.Dtls:
                StartHandshake();
                if (!_channel.Deliver(datagram))
                {
                    _metrics.Refused();
                }

                break;
            case PacketKind.Rtp:
                Forward(datagram, rtcp: false);
                break;
            case PacketKind.Rtcp:
                Forward(datagram, rtcp: true);
                break;
            default:
                _metrics.Refused();
                break;
        }
    }

    private void SendDtls(ReadOnlySpan<byte> datagram) => _network.Socket?.Send(datagram);
}
