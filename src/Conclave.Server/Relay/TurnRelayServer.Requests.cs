using System.Buffers.Binary;
using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>STUN request and indication handling (RFC 8656 §7–§11, RFC 8489 §6.3).</summary>
public sealed partial class TurnRelayServer
{
    private static readonly ushort SendIndicationType = StunMessage.EncodeType(StunMethod.Send, StunClass.Indication);

    /// <summary>
    /// One STUN message from a client, under the same checks whatever its method (RFC 8489 §6.3): framing,
    /// FINGERPRINT (§7.3) and attribute lengths (§14) in the parser, which drops what fails without an
    /// answer or any state; then the method; then comprehension-required attributes, answered with 420
    /// (§6.3.1.1) for Binding as for TURN requests, the latter before their credentials are checked (the
    /// 420 says nothing a sender could not learn from the RFC). Every answer given without credentials
    /// spends the source's budget first (<see cref="Allow"/>).
    /// </summary>
    internal void HandleStun(ReadOnlySpan<byte> data, in FiveTuple tuple, IRelayConnectionSource source)
    {
        if (data.Length >= StunMessage.HeaderLength && BinaryPrimitives.ReadUInt16BigEndian(data) == SendIndicationType)
        {
            HandleSend(data, tuple);
            return;
        }

        if (!StunMessage.TryParse(data, out var message, out _) || message.Class != StunClass.Request)
        {
            // Other indications have no meaning for a TURN server; responses are never expected.
            return;
        }

        var connection = source.GetConnection();
        if (message.Method is not (StunMethod.Binding or StunMethod.Allocate or StunMethod.Refresh or StunMethod.CreatePermission or StunMethod.ChannelBind))
        {
            if (Allow(connection, message))
            {
                Refuse(connection, message, StunErrorCodes.BadRequest, RelayRefusal.BadRequest, default);
            }

            return;
        }

        var unknown = message.GetUnknownComprehensionRequired();
        if (unknown.Count > 0)
        {
            // RFC 8489 §6.3.1.1: 420 listing the comprehension-required attributes not understood.
            if (Allow(connection, message))
            {
                Metrics.Refused(RelayRefusal.UnknownAttribute);
                Send(connection, Answer(message, StunClass.ErrorResponse)
                    .AddErrorCode(StunErrorCodes.UnknownAttribute, "Unknown Attribute").AddUnknownAttributes(unknown).AddFingerprint());
            }

            return;
        }

        if (message.Method == StunMethod.Binding)
        {
            // RFC 8489 §6.3.1: Binding needs no credentials; it has a budget of its own (see Allow).
            if (Allow(connection, message))
            {
                var builder = Answer(message, StunClass.SuccessResponse)
                    .AddXorAddress(StunAttributeType.XorMappedAddress, connection.RemoteEndPoint);
                Send(connection, builder.AddFingerprint());
            }

            return;
        }

        var auth = _authenticator.Authenticate(message, connection.RemoteEndPoint.Address);
        if (!auth.Succeeded)
        {
            if (Allow(connection, message))
            {
                Refuse(connection, message, auth.ErrorCode, auth.Refusal, default);
            }

            return;
        }

        switch (message.Method)
        {
            case StunMethod.Allocate:
                HandleAllocate(message, connection, tuple, auth);
                break;
            case StunMethod.Refresh:
                HandleRefresh(message, connection, tuple, auth);
                break;
            case StunMethod.CreatePermission:
                HandleCreatePermission(message, connection, tuple, auth);
                break;
            default:
                HandleChannelBind(message, connection, tuple, auth);
                break;
        }
    }

    /// <summary>RFC 8656 §7.2.</summary>
    private void HandleAllocate(StunMessage request, IRelayClientConnection connection, FiveTuple tuple, RelayAuthentication auth)
    {
        if (_allocations.TryGetValue(tuple, out var existing) && existing.IsExpired(_time.GetTimestamp()))
        {
            // Expired but not yet swept: it is gone as far as the client is concerned.
            Delete(existing, "expired");
            existing = null;
        }

        if (existing is not null)
        {
            // A retransmitted Allocate is answered as the first was; another one is a mismatch.
            if (existing.TransactionKey == request.TransactionKey && existing.Username == auth.Username)
            {
                SendAllocateSuccess(request, connection, existing, auth);
            }
            else
            {
                Refuse(connection, request, StunErrorCodes.AllocationMismatch, RelayRefusal.AllocationMismatch, auth);
            }

            return;
        }

        if (!request.TryGetRequestedTransport(out var transport))
        {
            Refuse(connection, request, StunErrorCodes.BadRequest, RelayRefusal.BadRequest, auth);
            return;
        }

        if (transport != TurnAttributes.TransportUdp)
        {
            Refuse(connection, request, StunErrorCodes.UnsupportedTransportProtocol, RelayRefusal.UnsupportedTransport, auth);
            return;
        }

        if (request.Has(StunAttributeType.ReservationToken) || (request.TryGetEvenPort(out var reserveNext) && reserveNext))
        {
            // Port pairs are not reserved by this relay (RFC 8656 §7.2 allows refusing with 508).
            Refuse(connection, request, StunErrorCodes.InsufficientCapacity, RelayRefusal.InsufficientCapacity, auth);
            return;
        }

        if (request.Has(StunAttributeType.RequestedAddressFamily) &&
            (!request.TryGetAddressFamily(StunAttributeType.RequestedAddressFamily, out var family) || FamilyOf(family) != _relayAddress.AddressFamily))
        {
            Refuse(connection, request, StunErrorCodes.AddressFamilyNotSupported, RelayRefusal.AddressFamilyNotSupported, auth);
            return;
        }

        var quota = TryReserveQuota(auth.UserId, tuple.Client.Address);
        if (quota != 0)
        {
            Refuse(connection, request, quota,
                quota == StunErrorCodes.AllocationQuotaReached ? RelayRefusal.QuotaReached : RelayRefusal.InsufficientCapacity, auth);
            return;
        }

        var socket = _ports.TryBind();
        if (socket is null)
        {
            ReleaseQuota(auth.UserId, tuple.Client.Address);
            Refuse(connection, request, StunErrorCodes.InsufficientCapacity, RelayRefusal.InsufficientCapacity, auth);
            return;
        }

        var allocation = new TurnAllocation(tuple, connection, socket, auth.Username, auth.UserId, request.TransactionKey,
            _time, Metrics, _options.BandwidthBytesPerSecond, _options.MaxDatagramSize)
        {
            Tap = Tap,
        };
        var lifetime = GrantedLifetime(request);
        allocation.ExpiresAt = After(lifetime);
        if (!_allocations.TryAdd(tuple, allocation))
        {
            // A concurrent Allocate for the same 5-tuple won (TCP/TLS clients send one at a time; UDP is one loop).
            allocation.Dispose();
            ReleaseQuota(auth.UserId, tuple.Client.Address);
            Refuse(connection, request, StunErrorCodes.AllocationMismatch, RelayRefusal.AllocationMismatch, auth);
            return;
        }

        allocation.Start((connection as UdpClientConnection)?.Poller ?? NextPoller());
        Metrics.AllocationCreated();
        RelayLog.AllocationCreated(_logger, allocation.RelayedEndPoint, auth.UserId, tuple.Transport, connection.RemoteEndPoint, lifetime);
        SendAllocateSuccess(request, connection, allocation, auth);
    }

    private void SendAllocateSuccess(StunMessage request, IRelayClientConnection connection, TurnAllocation allocation, RelayAuthentication auth)
    {
        var remaining = _time.GetElapsedTime(_time.GetTimestamp(), allocation.ExpiresAt);
        var builder = Answer(request, StunClass.SuccessResponse)
            .AddXorAddress(StunAttributeType.XorRelayedAddress, allocation.RelayedEndPoint)
            .AddLifetime(remaining)
            .AddXorAddress(StunAttributeType.XorMappedAddress, connection.RemoteEndPoint);
        SendProtected(connection, builder, auth);
    }

    /// <summary>RFC 8656 §7.3: Refresh; LIFETIME 0 deletes the allocation.</summary>
    private void HandleRefresh(StunMessage request, IRelayClientConnection connection, FiveTuple tuple, RelayAuthentication auth)
    {
        if (!TryGetOwnAllocation(request, connection, tuple, auth, out var allocation))
        {
            return;
        }

        var lifetime = request.TryGetLifetime(out var requested) && requested == TimeSpan.Zero ? TimeSpan.Zero : GrantedLifetime(request);
        if (lifetime == TimeSpan.Zero)
        {
            Delete(allocation, "refreshed to zero");
        }
        else
        {
            allocation.ExpiresAt = After(lifetime);
        }

        SendProtected(connection, Answer(request, StunClass.SuccessResponse).AddLifetime(lifetime), auth);
    }

    /// <summary>RFC 8656 §9.2: all XOR-PEER-ADDRESS values are checked before any permission is installed.</summary>
    private void HandleCreatePermission(StunMessage request, IRelayClientConnection connection, FiveTuple tuple, RelayAuthentication auth)
    {
        if (!TryGetOwnAllocation(request, connection, tuple, auth, out var allocation))
        {
            return;
        }

        var peers = request.GetXorAddresses(StunAttributeType.XorPeerAddress);
        if (peers.Count == 0)
        {
            Refuse(connection, request, StunErrorCodes.BadRequest, RelayRefusal.BadRequest, auth);
            return;
        }

        foreach (var peer in peers)
        {
            if (!CheckPeer(request, connection, auth, peer.Address))
            {
                return;
            }
        }

        var expiresAt = After(_options.PermissionLifetime);
        foreach (var peer in peers)
        {
            allocation.InstallPermission(PeerAddress.From(peer), expiresAt);
        }

        SendProtected(connection, Answer(request, StunClass.SuccessResponse), auth);
    }

    /// <summary>RFC 8656 §11.2.</summary>
    private void HandleChannelBind(StunMessage request, IRelayClientConnection connection, FiveTuple tuple, RelayAuthentication auth)
    {
        if (!TryGetOwnAllocation(request, connection, tuple, auth, out var allocation))
        {
            return;
        }

        if (!request.TryGetChannelNumber(out var channel) || channel < ChannelData.MinChannel || channel > _options.MaxChannelNumber ||
            !request.TryGetXorAddress(StunAttributeType.XorPeerAddress, out var peer))
        {
            Refuse(connection, request, StunErrorCodes.BadRequest, RelayRefusal.BadRequest, auth);
            return;
        }

        if (!CheckPeer(request, connection, auth, peer.Address))
        {
            return;
        }

        if (!allocation.TryBindChannel(channel, peer, After(_options.ChannelLifetime), After(_options.PermissionLifetime)))
        {
            Refuse(connection, request, StunErrorCodes.BadRequest, RelayRefusal.BadRequest, auth);
            return;
        }

        SendProtected(connection, Answer(request, StunClass.SuccessResponse), auth);
    }

    /// <summary>
    /// RFC 8656 §10.2: Send indications are not authenticated; they only reach peers with a permission.
    /// Read in place (no <see cref="StunMessage"/>) because they are per-packet traffic, under the same
    /// RFC 8489 rules as requests (FINGERPRINT, lengths) and §6.3.2's: an indication with an unknown
    /// comprehension-required attribute is discarded.
    /// </summary>
    private void HandleSend(ReadOnlySpan<byte> message, in FiveTuple tuple)
    {
        var allocation = FindAllocation(tuple);
        if (allocation is null || !StunAttributeReader.IsAcceptableIndication(message) ||
            !StunAttributeReader.TryFind(message, StunAttributeType.XorPeerAddress, out var peerValue) ||
            !StunAttributeReader.TryFind(message, StunAttributeType.Data, out var data) ||
            !PeerAddress.TryReadXor(peerValue, message.Slice(8, 12), out var peer))
        {
            return;
        }

        allocation.RelaySendToPeer(peer, data);
    }

    private bool TryGetOwnAllocation(StunMessage request, IRelayClientConnection connection, FiveTuple tuple, RelayAuthentication auth, out TurnAllocation allocation)
    {
        allocation = FindAllocation(tuple)!;
        if (allocation is null)
        {
            Refuse(connection, request, StunErrorCodes.AllocationMismatch, RelayRefusal.AllocationMismatch, auth);
            return false;
        }

        if (!string.Equals(allocation.Username, auth.Username, StringComparison.Ordinal))
        {
            // RFC 8656 §5: later requests must use the credentials the allocation was made with.
            Refuse(connection, request, StunErrorCodes.WrongCredentials, RelayRefusal.WrongCredentials, auth);
            return false;
        }

        return true;
    }

    private bool CheckPeer(StunMessage request, IRelayClientConnection connection, RelayAuthentication auth, IPAddress peer)
    {
        if (!SameFamily(peer, _relayAddress))
        {
            Refuse(connection, request, StunErrorCodes.PeerAddressFamilyMismatch, RelayRefusal.AddressFamilyNotSupported, auth);
            return false;
        }

        if (!_peerFilter.IsAllowed(peer))
        {
            Refuse(connection, request, StunErrorCodes.Forbidden, RelayRefusal.Forbidden, auth);
            return false;
        }

        return true;
    }

    /// <summary>RFC 8656 §7.2: the requested lifetime, at least the default and at most the maximum.</summary>
    private TimeSpan GrantedLifetime(StunMessage request)
    {
        if (!request.TryGetLifetime(out var requested))
        {
            return _options.DefaultAllocationLifetime;
        }

        return requested < _options.DefaultAllocationLifetime ? _options.DefaultAllocationLifetime
            : requested > _options.MaxAllocationLifetime ? _options.MaxAllocationLifetime : requested;
    }

    /// <summary>
    /// Spends one token of the source address's budget for an answer given without credentials. Binding
    /// has a budget of its own, larger than the one TURN requests share: ICE keepalives and NAT discovery
    /// (RFC 8489 §6.3.1, RFC 8445 §5.1.1.2) keep working while a flood of unauthenticated Allocates from
    /// the same address (a NAT shared with an attacker, or a client in a retry loop) is being refused,
    /// and a Binding flood is still bounded, also as a reflector: a Binding answer is a few dozen bytes.
    /// </summary>
    private bool Allow(IRelayClientConnection connection, StunMessage request)
    {
        var limiter = request.Method == StunMethod.Binding ? _bindingLimiter : _unauthenticatedLimiter;
        if (limiter.TryAcquire(connection.RemoteEndPoint.Address))
        {
            return true;
        }

        Metrics.Refused(RelayRefusal.RateLimited);
        RelayLog.Refused(_logger, request.Method, connection.Transport, connection.RemoteEndPoint, 0, RelayRefusal.RateLimited);
        return false;
    }

    /// <summary>
    /// An error response. 401 and 438 carry a fresh challenge; errors after authentication are
    /// integrity-protected with the request's key (RFC 8489 §9.2.4).
    /// </summary>
    private void Refuse(IRelayClientConnection connection, StunMessage request, int code, RelayRefusal refusal, RelayAuthentication auth)
    {
        Metrics.Refused(refusal);
        RelayLog.Refused(_logger, request.Method, connection.Transport, connection.RemoteEndPoint, code, refusal);
        var builder = Answer(request, StunClass.ErrorResponse).AddErrorCode(code, ReasonOf(code));
        if (code is StunErrorCodes.Unauthorized or StunErrorCodes.StaleNonce)
        {
            _authenticator.AddChallenge(builder, connection.RemoteEndPoint.Address);
        }

        SendProtected(connection, builder, auth);
    }

    private StunMessageBuilder Answer(StunMessage request, StunClass messageClass)
    {
        var builder = new StunMessageBuilder(request.Method, messageClass, request.TransactionId);
        if (_options.Software.Length > 0)
        {
            builder.AddString(StunAttributeType.Software, _options.Software);
        }

        return builder;
    }

    private static void SendProtected(IRelayClientConnection connection, StunMessageBuilder builder, RelayAuthentication auth)
    {
        auth.Protect(builder);
        Send(connection, builder.AddFingerprint());
    }

    private static void Send(IRelayClientConnection connection, StunMessageBuilder builder)
    {
        Span<byte> buffer = stackalloc byte[builder.Length];
        builder.TryWrite(buffer, out var written);
        connection.Send(buffer[..written]);
    }

    private static string ReasonOf(int code) => code switch
    {
        StunErrorCodes.BadRequest => "Bad Request",
        StunErrorCodes.Unauthorized => "Unauthorized",
        StunErrorCodes.Forbidden => "Forbidden",
        StunErrorCodes.AllocationMismatch => "Allocation Mismatch",
        StunErrorCodes.StaleNonce => "Stale Nonce",
        StunErrorCodes.AddressFamilyNotSupported => "Address Family not Supported",
        StunErrorCodes.WrongCredentials => "Wrong Credentials",
        StunErrorCodes.UnsupportedTransportProtocol => "Unsupported Transport Protocol",
        StunErrorCodes.PeerAddressFamilyMismatch => "Peer Address Family Mismatch",
        StunErrorCodes.AllocationQuotaReached => "Allocation Quota Reached",
        StunErrorCodes.InsufficientCapacity => "Insufficient Capacity",
        _ => "Error",
    };
}
