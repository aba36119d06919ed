using System.Buffers.Binary;
using System.Security.Cryptography;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Media;

/// <summary>
/// One leg of an end-to-end encrypted audio call: an ICE agent (RFC 8445), DTLS-SRTP (RFC 5764) on
/// the selected pair with a fresh certificate, and PCMU audio (RFC 3551) with RTCP reports.
/// Use: <see cref="CreateOfferAsync"/> then <see cref="ApplyAnswer"/>, or <see cref="CreateAnswerAsync"/>;
/// exchange trickled candidates; then <see cref="ConnectAsync"/>; finally <see cref="CloseAsync"/>.
/// </summary>
public sealed partial class MediaEndpoint : IAsyncDisposable
{
    private const string Mid = "0";

    private readonly MediaEndpointOptions _options;
    private readonly TimeProvider _time;
    private readonly DtlsCertificate _certificate;
    private readonly List<IceCandidate> _pendingRemoteCandidates = [];
    private readonly TaskCompletionSource<IceCandidatePair> _selected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly ulong _sessionId;
    private IceAgent? _agent;
    private DtlsPacketChannel? _channel;
    private RemoteAudioDescription? _remote;
    private DtlsRole? _dtlsRole;
    private bool _remoteEndOfCandidates;
    private bool _described;
    private bool _endOfCandidatesGathered;

    private MediaEndpoint(MediaEndpointOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        // With the system clock a certificate made in advance is as valid as one made now; a test clock gets its own.
        _certificate = _time == TimeProvider.System ? DtlsCertificateReserve.Take() : DtlsCertificate.Generate(_time);
        Span<byte> random = stackalloc byte[12];
        RandomNumberGenerator.Fill(random);
        _sessionId = BinaryPrimitives.ReadUInt64BigEndian(random) & long.MaxValue;

        // RFC 3550 §5.1: the SSRC and the initial sequence number are random.
        LocalSsrc = BinaryPrimitives.ReadUInt32BigEndian(random[8..]);
        _sequence = (ushort)Random.Shared.Next(0, 1 << 16);
        _timestampBase = (uint)Random.Shared.NextInt64(0, 1L << 32);
        _source = options.AudioSource ?? new ToneSource(options.ToneFrequency);
        _ring = new short[Math.Max(MediaConstants.SamplesPerPacket, (int)(options.DetectionWindow.TotalSeconds * MediaConstants.SampleRate))];
        CName = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12));
    }

    /// <summary>
    /// Raised for each local ICE candidate (<c>candidate:...</c>) gathered after the offer or answer was written
    /// (earlier ones are in it), then once with null at end-of-candidates (RFC 8838 §4.4) unless the description carried it.
    /// </summary>
    public event Action<string?>? LocalCandidate;

    /// <summary>Raised when the peer ends DTLS with close_notify or a fatal alert after the call was set up.</summary>
    public event Action? RemoteClosed;

    /// <summary>Creates an endpoint with a fresh DTLS certificate (RFC 8827 §6.5: one per call).</summary>
    public static MediaEndpoint Create(MediaEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.RelayOnly && options.TurnServers.Count == 0)
        {
            throw new ArgumentException("RelayOnly needs a TURN server.", nameof(options));
        }

        if (!SrtpContextOptions.IsValidReplayWindowSize(options.SrtpReplayWindowSize))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.SrtpReplayWindowSize, "SrtpReplayWindowSize must be a multiple of 64 from 64 (RFC 3711 §3.3.2) to 32768.");
        }

        return new MediaEndpoint(options);
    }

    /// <summary>Fingerprint of our certificate, as put in a=fingerprint.</summary>
    public DtlsFingerprint LocalFingerprint => _certificate.Fingerprint;

    /// <summary>Fingerprint of the certificate the peer presented in the handshake (null before).</summary>
    public DtlsFingerprint? RemoteFingerprint { get; private set; }

    /// <summary>The 20-digit call security code (docs/security-code.md), once DTLS has completed.</summary>
    public string? SecurityCode { get; private set; }

    /// <summary>Our DTLS role, once both a=setup values are known.</summary>
    public DtlsRole? DtlsRole => _dtlsRole;

    /// <summary>The negotiated SRTP profile, once DTLS has completed.</summary>
    public SrtpProfile? SrtpProfile { get; private set; }

    /// <summary>The pair ICE selected, or before selection the valid pair media goes on (RFC 8445 §12.1); null before one is valid.</summary>
    public IceCandidatePair? SelectedPair => _agent?.ActivePair;

    /// <summary>Our RTP SSRC (random, RFC 3550 §8).</summary>
    public uint LocalSsrc { get; }

    /// <summary>Our RTCP CNAME (random, RFC 7022).</summary>
    public string CName { get; }

    /// <summary>
    /// Gathers candidates and writes an offer: the offerer is the controlling ICE agent (RFC 8445 §6.1.1).
    /// With <see cref="MediaEndpointOptions.TrickleCandidates"/> only host candidates are waited for; the
    /// others follow through <see cref="LocalCandidate"/>, and end-of-candidates with them.
    /// </summary>
    public async Task<string> CreateOfferAsync(CancellationToken cancellationToken)
    {
        if (_agent is not null)
        {
            throw new MediaCallException(MediaCallError.WrongState);
        }

        IceAgent agent = CreateAgent(IceRole.Controlling);
        await GatherAsync(agent, cancellationToken).ConfigureAwait(false);
        return WriteDescription(agent, _options.OfferSetup);
    }

    /// <summary>Applies the peer's answer to our offer.</summary>
    /// <exception cref="MediaCallException">The answer is unusable (see <see cref="MediaCallException.Error"/>).</exception>
    public void ApplyAnswer(string answer)
    {
        if (_agent is null || _remote is not null)
        {
            throw new MediaCallException(MediaCallError.WrongState);
        }

        RemoteAudioDescription remote = Parse(answer);
        if (!DtlsSetupRoles.TryResolveLocalRole(_options.OfferSetup, remote.Setup, out DtlsRole role))
        {
            throw new MediaCallException(MediaCallError.SetupConflict);
        }

        ApplyRemote(remote, role);
    }

    /// <summary>Applies the peer's offer, gathers, and writes our answer (controlled ICE agent).</summary>
    /// <exception cref="MediaCallException">The offer is unusable (see <see cref="MediaCallException.Error"/>).</exception>
    public async Task<string> CreateAnswerAsync(string offer, CancellationToken cancellationToken)
    {
        if (_agent is not null)
        {
            throw new MediaCallException(MediaCallError.WrongState);
        }

        RemoteAudioDescription remote = Parse(offer);

        // RFC 8842 §5.3: to actpass we choose; to active we must be passive, and the other way round.
        DtlsSetup local = remote.Setup == DtlsSetup.ActPass ? _options.AnswerSetup : DtlsSetupRoles.AnswerTo(remote.Setup);
        if (!DtlsSetupRoles.TryResolveLocalRole(local, remote.Setup, out DtlsRole role))
        {
            throw new MediaCallException(MediaCallError.SetupConflict);
        }

        IceAgent agent = CreateAgent(IceRole.Controlled);
        ApplyRemote(remote, role);
        await GatherAsync(agent, cancellationToken).ConfigureAwait(false);
        return WriteDescription(agent, local, remote.Mid, remote.Sections);
    }

    /// <summary>Adds a trickled remote candidate (<c>candidate:...</c>, with or without <c>a=</c>); returns false if unparsable.</summary>
    public bool AddRemoteCandidate(string candidate)
    {
        if (!IceCandidate.TryParse(candidate, out IceCandidate parsed))
        {
            return false;
        }

        lock (_lock)
        {
            if (_agent is null || _remote is null)
            {
                _pendingRemoteCandidates.Add(parsed);
                return true;
            }
        }

        _agent.AddRemoteCandidate(parsed);
        return true;
    }

    /// <summary>The peer signalled end-of-candidates (RFC 8838 §4.4).</summary>
    public void AddRemoteEndOfCandidates()
    {
        lock (_lock)
        {
            _remoteEndOfCandidates = true;
        }

        if (_remote is not null)
        {
            _agent?.AddRemoteEndOfCandidates();
        }
    }

    /// <summary>
    /// Whether the received audio of the last <see cref="MediaEndpointOptions.DetectionWindow"/> holds a
    /// tone at <paramref name="frequency"/> Hz (Goertzel power ratio above <see cref="MediaEndpointOptions.ToneThreshold"/>).
    /// </summary>
    public bool ToneDetected(double frequency) => TonePowerRatio(frequency) >= _options.ToneThreshold;

    /// <summary>Share of the recent received audio's power at <paramref name="frequency"/> Hz (0 before a full window arrived).</summary>
    public double TonePowerRatio(double frequency)
    {
        short[] window = new short[_ring.Length];
        lock (_receiveLock)
        {
            if (_ringFilled < _ring.Length)
            {
                return 0;
            }

            // Oldest sample first, so the block is contiguous in time.
            int head = _ringPosition;
            Array.Copy(_ring, head, window, 0, _ring.Length - head);
            Array.Copy(_ring, 0, window, _ring.Length - head, head);
        }

        return Goertzel.PowerRatio(window, frequency, MediaConstants.SampleRate);
    }

    private IceAgent CreateAgent(IceRole role)
    {
        var agent = new IceAgent(new IceAgentOptions
        {
            Network = _options.Network,
            Role = role,
            AddressFilter = _options.AddressFilter,
            StunServers = _options.StunServers,
            TurnServers = _options.TurnServers,
            RelayOnly = _options.RelayOnly,
            Ta = _options.IcePacing,
            TimeProvider = _time,
        });
        agent.CandidateGathered += OnCandidateGathered;

        // DTLS starts on the first valid pair (RFC 8445 §12.1), while the controlling agent still nominates.
        agent.FirstValidPair += pair => _selected.TrySetResult(pair);
        agent.SelectedPairChanged += pair => _selected.TrySetResult(pair);
        agent.StateChanged += state =>
        {
            if (state == IceConnectionState.Failed)
            {
                _selected.TrySetException(new MediaCallException(MediaCallError.IceFailed));
            }
        };
        agent.DatagramReceived = OnDatagram;
        _channel = new DtlsPacketChannel(SendDtls);
        lock (_lock)
        {
            _agent = agent;
        }

        return agent;
    }

    private void OnCandidateGathered(IceCandidate? candidate)
    {
        lock (_lock)
        {
            if (!_described)
            {
                // Gathered before our offer or answer was written: it travels in the description (RFC 8838 §4.1),
                // as does end-of-candidates; trickling it too would only delay the description behind it.
                _endOfCandidatesGathered |= candidate is null;
                return;
            }
        }

        LocalCandidate?.Invoke(candidate?.ToString());
    }

    private static RemoteAudioDescription Parse(string sdp)
    {
        ArgumentNullException.ThrowIfNull(sdp);
        if (!RemoteAudioDescription.TryParse(sdp, out RemoteAudioDescription? remote, out MediaCallError error))
        {
            throw new MediaCallException(error);
        }

        return remote!.OffersPcmu ? remote : throw new MediaCallException(MediaCallError.NoCommonCodec);
    }

    private void ApplyRemote(RemoteAudioDescription remote, DtlsRole role)
    {
        IceAgent agent = _agent!;
        List<IceCandidate> pending;
        bool endOfCandidates;
        lock (_lock)
        {
            _remote = remote;
            _dtlsRole = role;
            pending = [.. _pendingRemoteCandidates];
            _pendingRemoteCandidates.Clear();
            endOfCandidates = _remoteEndOfCandidates || remote.EndOfCandidates;
        }

        agent.ApplyRemotePacing(remote.IcePacing);
        agent.SetRemoteCredentials(remote.IceUfrag, remote.IcePassword, remote.IceLite);
        foreach (IceCandidate candidate in remote.Candidates.Concat(pending))
        {
            agent.AddRemoteCandidate(candidate);
        }

        if (endOfCandidates)
        {
            agent.AddRemoteEndOfCandidates();
        }
    }

    private string WriteDescription(IceAgent agent, DtlsSetup setup, string mid = Mid, IReadOnlyList<OfferedSection>? offered = null)
    {
        IReadOnlyList<IceCandidate> candidates;
        bool endOfCandidates;
        lock (_lock)
        {
            // The agent lists a candidate before announcing it, so every candidate announced until now is
            // in this list; later ones trickle. Peer-reflexive ones are learnt, not signalled (RFC 8445 §7.2.5.3.1).
            _described = true;
            endOfCandidates = _endOfCandidatesGathered;
            candidates = [.. agent.LocalCandidates.Where(c => c.Type != IceCandidateType.PeerReflexive)];
        }

        return LocalAudioDescription.Write(
            _sessionId, mid, agent.LocalUfrag, agent.LocalPassword, _certificate.Fingerprint, setup, LocalSsrc, CName, candidates, endOfCandidates, _options.IcePacing, offered);
    }

    /// <summary>Every candidate, or with <see cref="MediaEndpointOptions.TrickleCandidates"/> the host ones while the rest gathers on.</summary>
    private async Task GatherAsync(IceAgent agent, CancellationToken cancellationToken)
    {
        Task servers = await agent.BeginGatheringAsync(cancellationToken).ConfigureAwait(false);
        if (!_options.TrickleCandidates)
        {
            await servers.ConfigureAwait(false);
            return;
        }

        // A socket that cannot be bound for a relayed candidate only loses that candidate: ICE goes on with
        // the others (end-of-candidates is still announced) and fails by itself if none works.
        _ = servers.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private static string ComputeSecurityCode(DtlsFingerprint local, DtlsFingerprint remote) =>
        Conclave.Protocols.Security.SecurityCode.Compute(local, remote);
}
