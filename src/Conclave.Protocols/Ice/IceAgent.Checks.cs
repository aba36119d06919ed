using System.Net;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Ice;

/// <summary>Outgoing checks: pacing, retransmission, responses, nomination and consent.</summary>
public sealed partial class IceAgent
{
    private readonly Dictionary<UInt128, IceTransaction> _transactions = [];
    private readonly Queue<IceCandidatePair> _triggered = new();
    private long _firstValidAt = -1;
    private long _lastPacedCheck = long.MinValue;
    private long _lastConsent;
    private long _nextConsent;

    private void Start(IceTransaction tx, ReadOnlySpan<byte> transactionId)
    {
        tx.Rto = _options.InitialRto;
        tx.Transmissions = 1;
        tx.NextSend = _time.GetTimestamp() + ToTimestamp(tx.Rto);
        _transactions[StunMessage.TransactionKeyOf(transactionId)] = tx;
        Transmit(tx.Base, tx.Request, tx.Destination);
    }

    private void Transmit(IceLocalBase localBase, byte[] datagram, IPEndPoint destination)
    {
        try
        {
            var pending = localBase.Socket.SendToAsync(datagram, destination, _cts.Token);
            if (!pending.IsCompletedSuccessfully)
            {
                _ = Observe(pending);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }

        static async Task Observe(ValueTask pending)
        {
            try
            {
                await pending.ConfigureAwait(false);
            }
            catch (Exception e) when (e is ObjectDisposedException or OperationCanceledException or InvalidOperationException or Turn.TurnException)
            {
            }
        }
    }

    private void Tick()
    {
        lock (_lock)
        {
            if (State == IceConnectionState.Closed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            RetransmitDue(now);
            if (!Lite)
            {
                Pump(now);
                CheckConsent(now);
            }
            else
            {
                CheckLiteLiveness(now);
            }

            FailIfExhausted();
        }
    }

    private void RetransmitDue(long now)
    {
        List<(UInt128 Key, IceTransaction Tx)>? expired = null;
        foreach (var (key, tx) in _transactions)
        {
            if (now < tx.NextSend)
            {
                continue;
            }

            if (tx.Transmissions >= _options.MaxTransmissions)
            {
                (expired ??= []).Add((key, tx));
                continue;
            }

            tx.Transmissions++;
            tx.Rto = TimeSpan.FromTicks(Math.Min(tx.Rto.Ticks * 2, _options.MaxRto.Ticks));
            tx.NextSend = now + ToTimestamp(tx.Rto);
            Transmit(tx.Base, tx.Request, tx.Destination);
        }

        foreach (var (key, tx) in expired ?? [])
        {
            _transactions.Remove(key);
            tx.Gathered?.TrySetResult(null);
            if (tx.Kind == IceTransactionKind.Check && !tx.Cancelled && tx.Pair is { } pair)
            {
                // A failed nomination lets the controlling agent nominate another pair.
                pair.Nominating = false;
                if (pair.State == IceCandidatePairState.InProgress)
                {
                    pair.State = IceCandidatePairState.Failed;
                }
            }
        }
    }

    /// <summary>
    /// Nominates if due, then sends the next ordinary or triggered check if pacing allows. Called from the
    /// timer and whenever work appears (credentials, a candidate, a triggered check, a valid pair), so a
    /// check waits for Ta only when another one went out less than Ta ago, not for the timer's next tick.
    /// </summary>
    private void Pump(long now)
    {
        if (Lite || State == IceConnectionState.Closed)
        {
            return;
        }

        Nominate(now);
        SendNextCheck(now);
    }

    private void SendNextCheck(long now)
    {
        if (_remoteKey is null || !PacingAllows(now))
        {
            return;
        }

        IceCandidatePair? pair = null;
        while (_triggered.TryDequeue(out var triggered))
        {
            if (triggered.State == IceCandidatePairState.Waiting || triggered.Nominating)
            {
                pair = triggered;
                break;
            }
        }

        if (SelectedPair is not null)
        {
            // Once selected, only the triggered check of a pair the controlling peer nominated anew runs.
            if (pair is not null && pair.NominatedByPeer)
            {
                SendCheck(pair, IceTransactionKind.Check, useCandidate: false, now);
            }

            return;
        }

        pair ??= _pairs.Where(p => p.State == IceCandidatePairState.Waiting).MaxBy(p => p.Priority);
        if (pair is null)
        {
            // RFC 8445 §6.1.4.2: with nothing waiting, unfreeze the best frozen pair.
            pair = _pairs.Where(p => p.State == IceCandidatePairState.Frozen).MaxBy(p => p.Priority);
        }

        if (pair is not null)
        {
            SendCheck(pair, IceTransactionKind.Check, pair.Nominating, now);
            _lastPacedCheck = now;

            // The timer's next tick comes a full Ta after this check, when pacing allows the next one.
            _timer?.Change(Ta, Ta);
        }
    }

    /// <summary>RFC 8445 §14.2: at most one new check (ordinary or triggered) per Ta.</summary>
    private bool PacingAllows(long now)
    {
        if (_lastPacedCheck == long.MinValue)
        {
            return true;
        }

        // A timer may fire a little before the exact instant; a millisecond early is still one check per Ta.
        var slack = TimeSpan.FromMilliseconds(1);
        return _time.GetElapsedTime(_lastPacedCheck, now) >= (Ta > slack ? Ta - slack : Ta);
    }

    private void SendCheck(IceCandidatePair pair, IceTransactionKind kind, bool useCandidate, long now)
    {
        // RFC 8445 §7.2.2: USERNAME "remote:local", PRIORITY of a peer-reflexive candidate from this base,
        // the role attribute with our tie-breaker, and MESSAGE-INTEGRITY with the peer's password.
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .AddString(StunAttributeType.Username, $"{_remoteUfrag}:{LocalUfrag}")
            .AddUInt32(StunAttributeType.Priority, IcePriority.Candidate(IceCandidateType.PeerReflexive, (int)((pair.Local.Priority >> 8) & 0xFFFF)))
            .AddUInt64(Role == IceRole.Controlling ? StunAttributeType.IceControlling : StunAttributeType.IceControlled, TieBreaker);
        if (useCandidate && Role == IceRole.Controlling)
        {
            builder.AddFlag(StunAttributeType.UseCandidate);
        }

        builder.AddMessageIntegrity(_remoteKey!).AddFingerprint();
        if (kind == IceTransactionKind.Check && pair.State != IceCandidatePairState.Succeeded)
        {
            pair.State = IceCandidatePairState.InProgress;
        }

        var tx = new IceTransaction(kind, pair.Base, pair.Remote.Address, builder.ToArray())
        {
            Pair = pair,
            UseCandidate = useCandidate && Role == IceRole.Controlling,
            RoleAtSend = Role,
        };
        Start(tx, builder.TransactionId);
    }

    private void HandleResponse(IceLocalBase localBase, StunMessage message, IPEndPoint from)
    {
        if (!_transactions.Remove(message.TransactionKey, out var tx))
        {
            return;
        }

        if (tx.Kind == IceTransactionKind.Gather)
        {
            tx.Gathered?.TrySetResult(message.Class == StunClass.SuccessResponse &&
                message.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped) ? mapped : null);
            return;
        }

        // RFC 8445 §7.2.5.1: responses are authenticated with the peer's password.
        if (_remoteKey is null || !message.VerifyMessageIntegrity(_remoteKey))
        {
            _transactions[message.TransactionKey] = tx;
            return;
        }

        var pair = tx.Pair!;
        if (message.Class == StunClass.ErrorResponse)
        {
            message.TryGetErrorCode(out var code, out _);
            if (code == StunErrorCodes.RoleConflict && tx.Kind == IceTransactionKind.Check)
            {
                // RFC 8445 §7.2.5.1: switch to the other role than the one the request carried, and retry.
                SwitchRole(tx.RoleAtSend == IceRole.Controlling ? IceRole.Controlled : IceRole.Controlling);
                pair.State = IceCandidatePairState.Waiting;
                _triggered.Enqueue(pair);
                Pump(_time.GetTimestamp());
            }
            else if (tx.Kind == IceTransactionKind.Check)
            {
                pair.State = IceCandidatePairState.Failed;
                pair.Nominating = false;
            }

            return;
        }

        // RFC 8445 §7.2.5.2.1: the response must come from where the request went (symmetric addresses).
        if (!from.Equals(tx.Destination) || localBase != tx.Base)
        {
            if (tx.Kind == IceTransactionKind.Check)
            {
                pair.State = IceCandidatePairState.Failed;
            }

            return;
        }

        var now = _time.GetTimestamp();
        if (tx.Kind == IceTransactionKind.Consent)
        {
            _lastConsent = now;
            if (State == IceConnectionState.Disconnected)
            {
                SetState(IceConnectionState.Connected);
                SetState(IceConnectionState.Completed);
            }

            return;
        }

        pair.State = IceCandidatePairState.Succeeded;
        AddLocalPeerReflexive(tx, message);
        CheckSucceeded?.Invoke(new IceCheckSucceeded(pair, Incoming: false, Nominated: tx.UseCandidate));
        if (_firstValidAt < 0)
        {
            _firstValidAt = now;
            FirstValidPair?.Invoke(pair);
        }

        // RFC 8445 §7.2.5.3.3: unfreeze pairs with the same foundation.
        foreach (var p in _pairs.Where(p => p.State == IceCandidatePairState.Frozen && p.Foundation == pair.Foundation))
        {
            p.State = IceCandidatePairState.Waiting;
        }

        if (tx.UseCandidate || (Role == IceRole.Controlled && pair.NominatedByPeer))
        {
            pair.Nominated = true;
            Select(pair, now);
            return;
        }

        // A valid pair may be good enough to nominate at once (see Nominate).
        Pump(now);
    }

    private void FailIfExhausted()
    {
        // RFC 8838 §8: fail only after both sides finished gathering and every pair failed.
        if (State == IceConnectionState.Checking && _gatheringComplete && _remoteEndOfCandidates &&
            _pairs.Count > 0 && _pairs.All(p => p.State == IceCandidatePairState.Failed))
        {
            SetState(IceConnectionState.Failed);
        }
    }

    private void SwitchRole(IceRole role)
    {
        if (Role == role)
        {
            return;
        }

        Role = role;
        foreach (var p in _pairs)
        {
            p.UpdatePriority(role);
            p.Nominating = false;
        }
    }

    private TimeSpan NextConsentInterval()
    {
        // RFC 7675 §5.1: randomised between 0.8 and 1.2 of the interval.
        var factor = 0.8 + 0.4 * Random.Shared.NextDouble();
        return TimeSpan.FromTicks((long)(_options.ConsentInterval.Ticks * factor));
    }

    private long ToTimestamp(TimeSpan span) => (long)(span.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
}
