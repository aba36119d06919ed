using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Threading.Channels;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Protocols.Ice;

/// <summary>Receives one application (non-STUN) datagram that arrived on the selected pair.</summary>
public delegate void IceDatagramHandler(ReadOnlySpan<byte> datagram);

/// <summary>
/// An ICE agent (RFC 8445) for one component, full or lite, with trickle (RFC 8838) and consent
/// freshness (RFC 7675). Gather, exchange credentials and candidates through signalling, and once
/// a pair is selected send with <see cref="SendAsync"/> and receive application datagrams through
/// <see cref="DatagramReceived"/> or <see cref="ReceiveAsync"/>.
/// </summary>
public sealed partial class IceAgent : IAsyncDisposable
{
    private const int MaxPairs = 100; // RFC 8445 §6.1.2.5: default limit of the checklist
    private const int ReceiveBufferSize = 65536;

    private readonly IceAgentOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _cts = new();
    private readonly List<IceLocalBase> _bases = [];
    private readonly List<IceCandidate> _localCandidates = [];
    private readonly List<IceCandidate> _remoteCandidates = [];
    private readonly List<IceCandidatePair> _pairs = [];
    private readonly List<IAsyncDisposable> _owned = [];
    private readonly Channel<byte[]> _received = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(256)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private ITimer? _timer;
    private string? _remoteUfrag;
    private byte[]? _remoteKey;
    private readonly byte[] _localKey;
    private bool _remoteEndOfCandidates;
    private bool _gatheringComplete;
    private int _foundationCounter;

    public IceAgent(IceAgentOptions options)
    {
        _options = options;
        _time = options.TimeProvider;
        Lite = options.Lite;
        Role = options.Lite ? IceRole.Controlled : options.Role;
        TieBreaker = options.TieBreaker ?? BinaryPrimitives.ReadUInt64BigEndian(RandomNumberGenerator.GetBytes(8));
        LocalUfrag = options.LocalUfrag ?? RandomIceString(8);
        LocalPassword = options.LocalPassword ?? RandomIceString(24);
        Ta = options.Ta;
        _localKey = StunCredentials.ShortTermKey(LocalPassword);
    }

    public bool Lite { get; }

    public IceRole Role { get; private set; }

    public ulong TieBreaker { get; }

    public string LocalUfrag { get; }

    public string LocalPassword { get; }

    public IceConnectionState State { get; private set; }

    /// <summary>The pacing of new checks in use (RFC 8445 §14.2): <see cref="IceAgentOptions.Ta"/> until <see cref="ApplyRemotePacing"/>.</summary>
    public TimeSpan Ta { get; private set; }

    public IceCandidatePair? SelectedPair { get; private set; }

    /// <summary>Raised for each local candidate to signal to the peer; null marks end-of-candidates (RFC 8838 §4.4).</summary>
    public event Action<IceCandidate?>? CandidateGathered;

    public event Action<IceConnectionState>? StateChanged;

    public event Action<IceCandidatePair>? SelectedPairChanged;

    /// <summary>
    /// Raised once, when the first pair becomes valid (a full agent only). RFC 8445 §12.1 lets data go on a
    /// valid pair before selection, so DTLS can start here instead of waiting for nomination.
    /// </summary>
    public event Action<IceCandidatePair>? FirstValidPair;

    /// <summary>
    /// Raised (on the receiving thread, before any selection the check causes) for every successful
    /// connectivity check, incoming or outgoing, so that callers learn a proven peer address without
    /// reading STUN themselves. An ICE-lite agent (RFC 8445 §2.5) sees only incoming ones.
    /// </summary>
    public event Action<IceCheckSucceeded>? CheckSucceeded;

    /// <summary>When set, application datagrams go here (on the receiving thread) instead of to <see cref="ReceiveAsync"/>.</summary>
    public IceDatagramHandler? DatagramReceived { get; set; }

    public IReadOnlyList<IceCandidate> LocalCandidates
    {
        get
        {
            lock (_lock)
            {
                return [.. _localCandidates];
            }
        }
    }

    public IReadOnlyList<IceCandidatePair> Pairs
    {
        get
        {
            lock (_lock)
            {
                return [.. _pairs];
            }
        }
    }

    /// <summary>
    /// Sets the peer's ice-ufrag and ice-pwd (from its SDP). <paramref name="remoteIsLite"/> is the
    /// peer's a=ice-lite: a full agent facing a lite one is controlling (RFC 8445 §6.1.1).
    /// </summary>
    public void SetRemoteCredentials(string ufrag, string password, bool remoteIsLite = false)
    {
        lock (_lock)
        {
            if (remoteIsLite && !Lite)
            {
                SwitchRole(IceRole.Controlling);
            }

            _remoteUfrag = ufrag;
            _remoteKey = StunCredentials.ShortTermKey(password);
            if (State == IceConnectionState.New && _pairs.Count > 0)
            {
                SetState(IceConnectionState.Checking);
            }

            Pump(_time.GetTimestamp());
        }
    }

    /// <summary>
    /// RFC 8445 §14.2: when the agents proposed Ta values (a=ice-pacing, RFC 8839 §5.5), both use the larger
    /// of the two; a peer that proposed none counts as proposing the default, 50 ms. Call before the checks start.
    /// </summary>
    public void ApplyRemotePacing(TimeSpan? remoteTa)
    {
        var remote = remoteTa ?? IceAgentOptions.DefaultTa;
        lock (_lock)
        {
            Ta = remote > _options.Ta ? remote : _options.Ta;
            if (State != IceConnectionState.Closed)
            {
                _timer?.Change(Ta, Ta);
            }
        }
    }

    /// <summary>Adds a remote candidate; may be called at any time (trickle, RFC 8838 §10).</summary>
    public void AddRemoteCandidate(IceCandidate candidate)
    {
        if (!string.Equals(candidate.Transport, "udp", StringComparison.OrdinalIgnoreCase) || candidate.Component != 1)
        {
            return;
        }

        lock (_lock)
        {
            if (_remoteCandidates.Any(c => c.Address.Equals(candidate.Address)))
            {
                return;
            }

            _remoteCandidates.Add(candidate);
            foreach (var localBase in _bases)
            {
                AddPair(localBase, candidate);
            }

            Pump(_time.GetTimestamp());
        }
    }

    /// <summary>The peer signalled end-of-candidates (RFC 8838 §4.4): once every pair failed, the agent fails.</summary>
    public void AddRemoteEndOfCandidates()
    {
        lock (_lock)
        {
            _remoteEndOfCandidates = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<IAsyncDisposable> owned;
        lock (_lock)
        {
            if (State == IceConnectionState.Closed)
            {
                return;
            }

            SetState(IceConnectionState.Closed);
            _timer?.Dispose();
            owned = [.. _owned];
        }

        await _cts.CancelAsync().ConfigureAwait(false);
        foreach (var d in owned)
        {
            await d.DisposeAsync().ConfigureAwait(false);
        }

        _received.Writer.TryComplete();
        _cts.Dispose();
    }

    private void AddLocalBase(IceLocalBase localBase)
    {
        lock (_lock)
        {
            _bases.Add(localBase);
            _owned.Add(localBase.Socket);
            _localCandidates.Add(localBase.Candidate);
            foreach (var remote in _remoteCandidates)
            {
                AddPair(localBase, remote);
            }

            Pump(_time.GetTimestamp());
        }

        CandidateGathered?.Invoke(localBase.Candidate);
    }

    private async Task ReceiveLoopAsync(IceLocalBase localBase)
    {
        var buffer = new byte[ReceiveBufferSize];
        var token = _cts.Token;
        while (!token.IsCancellationRequested)
        {
            DatagramReceived received;
            try
            {
                received = await localBase.Socket.ReceiveFromAsync(buffer, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or TurnException or System.Net.Sockets.SocketException)
            {
                return;
            }

            HandleDatagram(localBase, buffer.AsSpan(0, received.Length), received.RemoteEndPoint);
        }
    }

    private void HandleDatagram(IceLocalBase localBase, ReadOnlySpan<byte> data, IPEndPoint from)
    {
        if (StunMessage.IsStun(data))
        {
            if (StunMessage.TryParse(data, out var message, out _))
            {
                lock (_lock)
                {
                    if (State == IceConnectionState.Closed)
                    {
                        return;
                    }

                    if (message.Class == StunClass.Request && message.Method == StunMethod.Binding)
                    {
                        HandleRequest(localBase, message, from);
                    }
                    else if (message.Class is StunClass.SuccessResponse or StunClass.ErrorResponse)
                    {
                        HandleResponse(localBase, message, from);
                    }
                }
            }

            return;
        }

        // RFC 8445 §11: application data is accepted from the remote end of a valid pair.
        lock (_lock)
        {
            if (State is IceConnectionState.Closed or IceConnectionState.Failed || !IsValidSource(localBase, from))
            {
                return;
            }
        }

        var handler = DatagramReceived;
        if (handler is not null)
        {
            handler(data);
        }
        else
        {
            _received.Writer.TryWrite(data.ToArray());
        }
    }

    private void AddPair(IceLocalBase localBase, IceCandidate remote)
    {
        if (localBase.Candidate.Address.AddressFamily != remote.Address.AddressFamily || _pairs.Count >= MaxPairs ||
            _pairs.Any(p => p.Base == localBase && p.Remote.Address.Equals(remote.Address)))
        {
            return;
        }

        var pair = new IceCandidatePair(localBase.Candidate, remote, localBase);
        pair.UpdatePriority(Role);

        // RFC 8445 §6.1.2.6: one pair per foundation starts Waiting, the others Frozen.
        pair.State = _pairs.Any(p => p.Foundation == pair.Foundation && p.State != IceCandidatePairState.Failed)
            ? IceCandidatePairState.Frozen
            : IceCandidatePairState.Waiting;
        _pairs.Add(pair);
        if (State == IceConnectionState.New && _remoteKey is not null)
        {
            SetState(IceConnectionState.Checking);
        }
    }

    private void SetState(IceConnectionState state)
    {
        if (State == state || State == IceConnectionState.Closed)
        {
            return;
        }

        State = state;
        StateChanged?.Invoke(state);
    }

    private static string RandomIceString(int length)
    {
        // RFC 8445 §5.3 / RFC 8839: ice-char = ALPHA / DIGIT / "+" / "/".
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        return RandomNumberGenerator.GetString(alphabet, length);
    }
}
