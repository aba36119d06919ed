using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Protocols.Ice;

/// <summary>Candidate gathering (RFC 8445 §5.1): host, server-reflexive, relayed and peer-reflexive.</summary>
public sealed partial class IceAgent
{
    /// <summary>
    /// Gathers host candidates on the filtered addresses, then server-reflexive and relayed ones, and
    /// returns when all are in. Candidates are announced through <see cref="CandidateGathered"/> as they come (trickle).
    /// </summary>
    public async Task GatherAsync(CancellationToken cancellationToken)
    {
        var servers = await BeginGatheringAsync(cancellationToken).ConfigureAwait(false);
        await servers.ConfigureAwait(false);
    }

    /// <summary>
    /// Gathers and announces the host candidates, then leaves server-reflexive and relayed gathering
    /// running (RFC 8838 §4: a trickle agent need not wait for them before its offer or answer). Returns
    /// once the host candidates are in; the task it returns completes when gathering is complete and
    /// end-of-candidates was announced.
    /// </summary>
    public async Task<Task> BeginGatheringAsync(CancellationToken cancellationToken)
    {
        var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        try
        {
            var token = linked.Token;
            lock (_lock)
            {
                _timer ??= _time.CreateTimer(_ => Tick(), null, Ta, Ta);
            }

            var preference = 65535;
            var hosts = new List<IceLocalBase>();
            var addresses = _options.Network.GetLocalAddresses().Where(_options.AddressFilter).Distinct().ToList();
            if (!_options.RelayOnly || Lite)
            {
                foreach (var address in addresses)
                {
                    var socket = await _options.Network.BindAsync(new IPEndPoint(address, _options.HostPort), token).ConfigureAwait(false);
                    var candidate = new IceCandidate(Foundation("host", address, null), 1, "udp",
                        IcePriority.Candidate(IceCandidateType.Host, preference--), socket.LocalEndPoint, IceCandidateType.Host);
                    var localBase = new IceLocalBase(socket, candidate);
                    hosts.Add(localBase);
                    AddLocalBase(localBase);
                    _ = ReceiveLoopAsync(localBase);
                }
            }

            var servers = GatherFromServersAsync(hosts, addresses, linked);
            linked = null;
            return servers;
        }
        finally
        {
            linked?.Dispose();
        }
    }

    private async Task GatherFromServersAsync(List<IceLocalBase> hosts, List<IPAddress> addresses, CancellationTokenSource linked)
    {
        // Gathering ends, and end-of-candidates is announced, even when a server's socket could not be bound.
        try
        {
            var token = linked.Token;
            if (!Lite)
            {
                var pending = new List<Task>();
                foreach (var server in _options.StunServers)
                {
                    foreach (var host in hosts.Where(h => h.Socket.LocalEndPoint.AddressFamily == server.AddressFamily))
                    {
                        pending.Add(GatherServerReflexiveAsync(host, server, token));
                    }
                }

                foreach (var server in _options.TurnServers)
                {
                    foreach (var address in addresses.Where(a => a.AddressFamily == server.Address.AddressFamily))
                    {
                        pending.Add(GatherRelayedAsync(address, server, token));
                    }
                }

                await Task.WhenAll(pending).ConfigureAwait(false);
            }
        }
        finally
        {
            linked.Dispose();
            lock (_lock)
            {
                _gatheringComplete = true;
            }

            CandidateGathered?.Invoke(null);
        }
    }

    private async Task GatherRelayedAsync(IPAddress address, IceTurnServer server, CancellationToken cancellationToken)
    {
        try
        {
            var socket = await _options.Network.BindAsync(new IPEndPoint(address, 0), cancellationToken).ConfigureAwait(false);
            var client = new TurnClient(socket, server.Address, server.Username, server.Password, _time);
            try
            {
                await client.AllocateAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TurnException)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                return;
            }

            var relayed = client.LocalEndPoint;
            var candidate = new IceCandidate(Foundation("relay", relayed.Address, server.Address), 1, "udp",
                IcePriority.Candidate(IceCandidateType.Relayed, 65535), relayed, IceCandidateType.Relayed, client.MappedEndPoint);
            var localBase = new IceLocalBase(client, candidate);
            AddLocalBase(localBase);
            _ = ReceiveLoopAsync(localBase);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task GatherServerReflexiveAsync(IceLocalBase host, IPEndPoint server, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<IPEndPoint?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).AddFingerprint();
            var tx = new IceTransaction(IceTransactionKind.Gather, host, server, request.ToArray()) { Gathered = tcs };
            Start(tx, request.TransactionId);
        }

        using var registration = cancellationToken.Register(() => tcs.TrySetCanceled());
        IPEndPoint? mapped;
        try
        {
            mapped = await tcs.Task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (mapped is null || mapped.Equals(host.Candidate.Address))
        {
            return;
        }

        IceCandidate candidate;
        lock (_lock)
        {
            // A check may already have taught us this address as peer-reflexive; the server-reflexive
            // candidate is still signalled (the peer needs it), and replaces the unsignalled one.
            if (_localCandidates.Any(c => c.Type != IceCandidateType.PeerReflexive && c.Address.Equals(mapped)))
            {
                return;
            }

            _localCandidates.RemoveAll(c => c.Type == IceCandidateType.PeerReflexive && c.Address.Equals(mapped));

            // RFC 8445 §5.1.2.2: server-reflexive candidates are announced; checks run from their base.
            candidate = new IceCandidate(Foundation("srflx", host.Candidate.Address.Address, server), 1, "udp",
                IcePriority.Candidate(IceCandidateType.ServerReflexive, 65535), mapped, IceCandidateType.ServerReflexive, host.Candidate.Address);
            _localCandidates.Add(candidate);
        }

        CandidateGathered?.Invoke(candidate);
    }

    private void AddLocalPeerReflexive(IceTransaction tx, StunMessage response)
    {
        // RFC 8445 §7.2.5.3.1: a mapped address that is no local candidate is a peer-reflexive one, with
        // the priority the check carried and the check's base. It is not signalled; the 5-tuple of the
        // valid pair is the one checked, so the checked pair stands for it.
        if (!response.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped) ||
            _localCandidates.Any(c => c.Address.Equals(mapped)))
        {
            return;
        }

        var priority = IcePriority.Candidate(IceCandidateType.PeerReflexive, (int)((tx.Base.Candidate.Priority >> 8) & 0xFFFF));
        _localCandidates.Add(new IceCandidate(Foundation("prflx", tx.Base.Candidate.Address.Address, null), 1, "udp", priority, mapped,
            IceCandidateType.PeerReflexive, tx.Base.Candidate.Address));
    }

    private string Foundation(string type, IPAddress baseAddress, IPEndPoint? server)
    {
        // RFC 8445 §5.1.1.3: same type, base IP and server give the same foundation.
        var key = $"{type}|{baseAddress}|{server}";
        lock (_lock)
        {
            if (!_foundations.TryGetValue(key, out var foundation))
            {
                foundation = (++_foundationCounter).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _foundations[key] = foundation;
            }

            return foundation;
        }
    }

    private readonly Dictionary<string, string> _foundations = [];
}
