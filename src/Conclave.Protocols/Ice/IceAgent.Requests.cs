using System.Net;
using System.Security.Cryptography;
using System.Text;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Ice;

/// <summary>Incoming connectivity checks (RFC 8445 §7.3).</summary>
public sealed partial class IceAgent
{
    private void HandleRequest(IceLocalBase localBase, StunMessage request, IPEndPoint from)
    {
        // RFC 8445 §7.3: FINGERPRINT and short-term credentials, USERNAME "local:remote".
        if (!request.VerifyFingerprint())
        {
            return;
        }

        if (!request.TryGetString(StunAttributeType.Username, out var username) || !request.HasIntegrity)
        {
            SendError(localBase, request, from, StunErrorCodes.BadRequest, "Bad Request", authenticate: false);
            return;
        }

        var colon = username.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(username[..colon]), Encoding.UTF8.GetBytes(LocalUfrag)) ||
            !request.VerifyMessageIntegrity(_localKey))
        {
            SendError(localBase, request, from, StunErrorCodes.Unauthorized, "Unauthorized", authenticate: false);
            return;
        }

        var unknown = request.GetUnknownComprehensionRequired();
        if (unknown.Count > 0)
        {
            var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, request.TransactionId)
                .AddErrorCode(StunErrorCodes.UnknownAttribute, "Unknown Attribute")
                .AddUnknownAttributes(unknown)
                .AddMessageIntegrity(_localKey)
                .AddFingerprint();
            Transmit(localBase, builder.ToArray(), from);
            return;
        }

        if (!Lite && !ResolveRoleConflict(localBase, request, from))
        {
            return;
        }

        var response = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, request.TransactionId)
            .AddXorAddress(StunAttributeType.XorMappedAddress, from)
            .AddMessageIntegrity(_localKey)
            .AddFingerprint()
            .ToArray();
        var now = _time.GetTimestamp();
        var useCandidate = request.Has(StunAttributeType.UseCandidate);
        var pair = FindOrAddPeerReflexive(localBase, request, from);
        if (pair is null)
        {
            Transmit(localBase, response, from);
            return;
        }

        // The pair is recorded, and those watching told, before the answer leaves: the peer may send data
        // the moment the answer arrives (RFC 8445 §12.1, a DTLS ClientHello), and a media path that admits
        // only checked addresses must know this one by then, or it drops that first flight and the
        // handshake waits out the peer's retransmission timer (a second, in DTLS 1.2's default).
        pair.AuthenticatedByPeer = true;
        CheckSucceeded?.Invoke(new IceCheckSucceeded(pair, Incoming: true, Nominated: useCandidate));
        if (Lite)
        {
            AcceptAsLite(pair, useCandidate, now);
            Transmit(localBase, response, from);
            return;
        }

        var nominated = useCandidate && Role == IceRole.Controlled && pair != SelectedPair;
        if (nominated)
        {
            pair.NominatedByPeer = true;
            pair.NominationOrder = ++_nominations;
            if (pair.State == IceCandidatePairState.Succeeded)
            {
                pair.Nominated = true;
                Select(pair, now);
                Transmit(localBase, response, from);
                return;
            }
        }

        Transmit(localBase, response, from);

        // RFC 8445 §7.3.1.4: a triggered check unless the pair already succeeded. An in-progress check is
        // cancelled (no more retransmissions, still waiting for a late answer) and checked again now,
        // because the peer's request may just have opened the path its earlier attempts died on. After
        // selection only a pair the peer nominates anew is checked, so that we can follow it there.
        if ((SelectedPair is null || nominated) && pair.State != IceCandidatePairState.Succeeded)
        {
            if (pair.State == IceCandidatePairState.InProgress)
            {
                foreach (var tx in _transactions.Values)
                {
                    if (tx.Pair == pair && tx.Kind == IceTransactionKind.Check && !tx.Cancelled)
                    {
                        tx.Cancelled = true;
                        tx.Transmissions = _options.MaxTransmissions;
                    }
                }
            }

            pair.State = IceCandidatePairState.Waiting;
            if (!_triggered.Contains(pair))
            {
                _triggered.Enqueue(pair);
            }

            Pump(now);
        }
    }

    /// <summary>
    /// RFC 8445 §7.3.1.5 / §2.5: a lite agent selects the pair the controlling peer nominates; every
    /// authenticated check also refreshes liveness.
    /// </summary>
    private void AcceptAsLite(IceCandidatePair pair, bool useCandidate, long now)
    {
        pair.State = IceCandidatePairState.Succeeded;
        if (pair == SelectedPair)
        {
            _lastConsent = now;
            if (State == IceConnectionState.Disconnected)
            {
                SetState(IceConnectionState.Connected);
                SetState(IceConnectionState.Completed);
            }
        }
        else if (useCandidate)
        {
            pair.Nominated = true;
            pair.NominationOrder = ++_nominations;
            Select(pair, now);
        }
    }

    /// <summary>RFC 8445 §7.3.1.1. Returns false when the request was answered with 487.</summary>
    private bool ResolveRoleConflict(IceLocalBase localBase, StunMessage request, IPEndPoint from)
    {
        if (Role == IceRole.Controlling && request.TryGetUInt64(StunAttributeType.IceControlling, out var theirs))
        {
            if (TieBreaker >= theirs)
            {
                SendError(localBase, request, from, StunErrorCodes.RoleConflict, "Role Conflict", authenticate: true);
                return false;
            }

            SwitchRole(IceRole.Controlled);
        }
        else if (Role == IceRole.Controlled && request.TryGetUInt64(StunAttributeType.IceControlled, out theirs))
        {
            if (TieBreaker >= theirs)
            {
                SwitchRole(IceRole.Controlling);
            }
            else
            {
                SendError(localBase, request, from, StunErrorCodes.RoleConflict, "Role Conflict", authenticate: true);
                return false;
            }
        }

        return true;
    }

    private IceCandidatePair? FindOrAddPeerReflexive(IceLocalBase localBase, StunMessage request, IPEndPoint from)
    {
        var pair = _pairs.FirstOrDefault(p => p.Base == localBase && p.Remote.Address.Equals(from));
        if (pair is not null)
        {
            return pair;
        }

        // RFC 8445 §7.3.1.3: an unknown source is a peer-reflexive remote candidate with the request's PRIORITY.
        var remote = _remoteCandidates.FirstOrDefault(c => c.Address.Equals(from));
        if (remote is null)
        {
            request.TryGetUInt32(StunAttributeType.Priority, out var priority);
            remote = new IceCandidate("prflx" + (_remoteCandidates.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                1, "udp", priority, from, IceCandidateType.PeerReflexive);
            _remoteCandidates.Add(remote);
        }

        AddPair(localBase, remote);
        return _pairs.FirstOrDefault(p => p.Base == localBase && p.Remote.Address.Equals(from));
    }

    private void SendError(IceLocalBase localBase, StunMessage request, IPEndPoint from, int code, string reason, bool authenticate)
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse, request.TransactionId).AddErrorCode(code, reason);
        if (authenticate)
        {
            builder.AddMessageIntegrity(_localKey);
        }

        builder.AddFingerprint();
        Transmit(localBase, builder.ToArray(), from);
    }
}
