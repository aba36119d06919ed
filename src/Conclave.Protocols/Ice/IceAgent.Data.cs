using System.Net;

namespace Conclave.Protocols.Ice;

/// <summary>Application data (RFC 8445 §12): on the selected pair, or before selection on a valid one.</summary>
public sealed partial class IceAgent
{
    /// <summary>The pair data goes on: the selected one, or before selection the best valid one (RFC 8445 §12.1; full agents).</summary>
    public IceCandidatePair? ActivePair
    {
        get
        {
            lock (_lock)
            {
                return SelectedPair ?? (Lite ? null : BestValidPair());
            }
        }
    }

    /// <summary>
    /// Sends an application datagram on the selected pair, or before selection on the best valid pair
    /// (RFC 8445 §12.1; a full agent only), through the TURN server when relayed. False when no pair can
    /// carry data yet or consent was lost (RFC 7675 §5.1: sending must stop).
    /// </summary>
    public async ValueTask<bool> SendAsync(ReadOnlyMemory<byte> datagram, CancellationToken cancellationToken)
    {
        IceCandidatePair? pair;
        lock (_lock)
        {
            pair = SelectedPair ?? (Lite ? null : BestValidPair());
            if (pair is null || State is IceConnectionState.Failed or IceConnectionState.Closed)
            {
                return false;
            }
        }

        await pair.Base.Socket.SendToAsync(datagram, pair.Remote.Address, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Waits for the next application datagram (when <see cref="DatagramReceived"/> is not set).</summary>
    public async ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var datagram = await _received.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var n = Math.Min(buffer.Length, datagram.Length);
        datagram.AsSpan(0, n).CopyTo(buffer.Span);
        return n;
    }

    private bool IsValidSource(IceLocalBase localBase, IPEndPoint from)
    {
        var selected = SelectedPair;
        if (selected is not null && selected.Base == localBase && selected.Remote.Address.Equals(from))
        {
            return true;
        }

        // RFC 8445 §12.2: data may arrive before this side's own check on the pair succeeded (the peer
        // found it valid first and started DTLS, §12.1); it is accepted once the peer proved the ICE
        // password from that address with a check, never from an address that did not.
        foreach (var p in _pairs)
        {
            if (p.Base == localBase && (p.State == IceCandidatePairState.Succeeded || p.AuthenticatedByPeer) && p.Remote.Address.Equals(from))
            {
                return true;
            }
        }

        return false;
    }

    private IceCandidatePair? BestValidPair()
    {
        IceCandidatePair? best = null;
        foreach (var p in _pairs)
        {
            if (p.State == IceCandidatePairState.Succeeded && (best is null || p.Priority > best.Priority))
            {
                best = p;
            }
        }

        return best;
    }
}
