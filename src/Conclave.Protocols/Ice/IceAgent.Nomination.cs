using System.Net;

namespace Conclave.Protocols.Ice;

/// <summary>Nomination and selection (RFC 8445 §8) and consent freshness (RFC 7675).</summary>
public sealed partial class IceAgent
{
    /// <summary>Counts the peer's nominations, so that the latest one wins (<see cref="IceCandidatePair.NominationOrder"/>).</summary>
    private long _nominations;

    private void Nominate(long now)
    {
        // RFC 8445 §8.1.1 (regular nomination): once a valid pair is good enough, check it again with USE-CANDIDATE.
        if (Role != IceRole.Controlling || SelectedPair is not null || _firstValidAt < 0 || _pairs.Any(p => p.Nominating))
        {
            return;
        }

        var best = BestValidPair();
        if (best is null)
        {
            return;
        }

        // When the agent stops checking is its own choice (§8.1.1). The best valid pair is good enough at
        // once when no pair that would beat it is still to be checked, or when it is host to host (nothing
        // is cheaper, and data may already flow on it, §12.1); otherwise better pairs get NominationDelay
        // from the first valid one to succeed.
        var betterPending = _pairs.Any(p => p.Priority > best.Priority &&
            p.State is IceCandidatePairState.Waiting or IceCandidatePairState.InProgress or IceCandidatePairState.Frozen);
        var hostToHost = best.Local.Type == IceCandidateType.Host && best.Remote.Type == IceCandidateType.Host;
        if (betterPending && !hostToHost && _time.GetElapsedTime(_firstValidAt, now) < _options.NominationDelay)
        {
            return;
        }

        best.Nominating = true;
        _triggered.Enqueue(best);
    }

    private void Select(IceCandidatePair pair, long now)
    {
        if (SelectedPair is not null)
        {
            // The controlling peer may nominate a better pair later (browsers do, once it proves
            // writable); the controlled side follows, or it would keep sending where the peer no
            // longer listens and drop what arrives on the new pair.
            if (pair != SelectedPair && (Role == IceRole.Controlled || Lite) && pair.NominationOrder > SelectedPair.NominationOrder)
            {
                SwitchSelected(pair, now);
            }

            return;
        }

        SelectedPair = pair;
        _lastConsent = now;
        _nextConsent = now + ToTimestamp(NextConsentInterval());

        // RFC 8445 §8.1.2: with a nominated pair, outstanding checks on other pairs stop.
        foreach (var key in _transactions.Where(t => t.Value.Kind == IceTransactionKind.Check).Select(t => t.Key).ToList())
        {
            _transactions.Remove(key);
        }

        _triggered.Clear();
        if (pair.Base.Socket is Turn.TurnClient turn)
        {
            // RFC 8656 §12: media on a relayed pair goes in ChannelData (4 bytes of overhead, not 36).
            _ = BindChannelAsync(turn, pair.Remote.Address);
        }

        SelectedPairChanged?.Invoke(pair);
        SetState(IceConnectionState.Connected);
        SetState(IceConnectionState.Completed);
    }

    private void SwitchSelected(IceCandidatePair pair, long now)
    {
        SelectedPair = pair;
        _lastConsent = now;
        if (pair.Base.Socket is Turn.TurnClient turn)
        {
            _ = BindChannelAsync(turn, pair.Remote.Address);
        }

        SelectedPairChanged?.Invoke(pair);
    }

    private async Task BindChannelAsync(Turn.TurnClient turn, IPEndPoint peer)
    {
        try
        {
            await turn.BindChannelAsync(peer, _cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Turn.TurnException or OperationCanceledException or ObjectDisposedException)
        {
            // Send indications keep working without a channel.
        }
    }

    private void CheckConsent(long now)
    {
        if (SelectedPair is null || State == IceConnectionState.Failed)
        {
            return;
        }

        var silent = _time.GetElapsedTime(_lastConsent, now);
        if (silent >= _options.ConsentTimeout)
        {
            // RFC 7675 §5.1: consent expired; stop sending.
            _transactions.Clear();
            SetState(IceConnectionState.Failed);
            return;
        }

        if (silent >= _options.DisconnectedTimeout)
        {
            SetState(IceConnectionState.Disconnected);
        }

        if (now >= _nextConsent && _remoteKey is not null)
        {
            _nextConsent = now + ToTimestamp(NextConsentInterval());
            SendCheck(SelectedPair, IceTransactionKind.Consent, useCandidate: false, now);
        }
    }

    private void CheckLiteLiveness(long now)
    {
        // A lite agent sends no checks; the peer's consent checks keep it alive (RFC 7675 §4).
        if (SelectedPair is null || State == IceConnectionState.Failed)
        {
            return;
        }

        var silent = _time.GetElapsedTime(_lastConsent, now);
        if (silent >= _options.ConsentTimeout)
        {
            SetState(IceConnectionState.Failed);
        }
        else if (silent >= _options.DisconnectedTimeout)
        {
            SetState(IceConnectionState.Disconnected);
        }
    }
}
