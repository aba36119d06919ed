using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>The per-packet relay: client to peer (ChannelData, Send) and peer to client (ChannelData, Data).</summary>
internal sealed partial class TurnAllocation
{
    /// <summary>RFC 8656 §12.6: ChannelData from the client goes to the bound peer if the binding and permission hold.</summary>
    public void RelayChannelToPeer(ushort channel, ReadOnlySpan<byte> data)
    {
        var now = _time.GetTimestamp();
        var tables = Tables;
        if (!tables.ChannelsByNumber.TryGetValue(channel, out var binding) || binding.ExpiresAt <= now || !tables.IsPermitted(binding.Peer, now))
        {
            _metrics.DroppedNoPermission();
            return;
        }

        if (_limited && !TakeToPeer(data.Length, now))
        {
            return;
        }

        SendToPeer(data, binding.PeerSocketAddress);
    }

    /// <summary>RFC 8656 §10.2: a Send indication's DATA goes to XOR-PEER-ADDRESS if a permission exists.</summary>
    public void RelaySendToPeer(PeerAddress peer, ReadOnlySpan<byte> data)
    {
        var now = _time.GetTimestamp();
        var tables = Tables;
        if (!tables.IsPermitted(peer, now))
        {
            _metrics.DroppedNoPermission();
            return;
        }

        if (_limited && !TakeToPeer(data.Length, now))
        {
            return;
        }

        SocketAddress target;
        if (tables.ChannelsByPeer.TryGetValue(peer, out var binding))
        {
            target = binding.PeerSocketAddress;
        }
        else
        {
            lock (_toPeerLock)
            {
                target = PeerSocketAddress(peer);
            }
        }

        SendToPeer(data, target);
    }

    private bool TakeToPeer(int length, long now)
    {
        lock (_toPeerLock)
        {
            if (_toPeer.TryTake(length, now))
            {
                return true;
            }
        }

        _metrics.DroppedBandwidth();
        return false;
    }

    /// <summary>
    /// Socket forms of peers reached by Send indications, made once per peer; bounded so a client
    /// cycling through ports cannot grow it.
    /// </summary>
    private SocketAddress PeerSocketAddress(PeerAddress peer)
    {
        const int MaxCachedPeers = 64;
        _peerSockets ??= [];
        if (!_peerSockets.TryGetValue(peer, out var address))
        {
            if (_peerSockets.Count >= MaxCachedPeers)
            {
                _peerSockets.Clear();
            }

            address = peer.ToEndPoint().Serialize();
            _peerSockets[peer] = address;
        }

        return address;
    }

    private void SendToPeer(ReadOnlySpan<byte> data, SocketAddress target)
    {
        try
        {
            _socket.SendTo(data, SocketFlags.None, target);
            _metrics.RelayedToPeer(data.Length);
            Tap?.Relayed(RelayDirection.ToPeer, RelayedEndPoint, data);
        }
        catch (SocketException)
        {
            // Best effort, as UDP: an unreachable peer or a full buffer loses the datagram.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// Called by the poller when the relayed socket is readable: relays up to <paramref name="limit"/>
    /// waiting datagrams, each received straight into the space after the header room.
    /// </summary>
    public void Drain(byte[] buffer, byte[] address, int limit)
    {
        var payload = buffer.AsSpan(Headroom, Math.Min(_maxDatagram, buffer.Length - Headroom - 4));
        var ipv6 = _socket.AddressFamily == AddressFamily.InterNetworkV6;
        for (var i = 0; i < limit && Volatile.Read(ref _disposed) == 0; i++)
        {
            int received;
            try
            {
                received = LinuxSockets.ReceiveFrom(_socket, payload, address);
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            if (received < 0)
            {
                return;
            }

            if (received > payload.Length)
            {
                // Larger than MaxDatagramSize: dropped, as the async path does (SocketError.MessageSize).
                continue;
            }

            RelayToClient(buffer, received, PeerAddress.FromSockaddr(address, ipv6));
        }
    }

    private async Task ReceiveLoopAsync()
    {
        // Room for the largest header in front and ChannelData padding behind.
        var buffer = ArrayPool<byte>.Shared.Rent(ReceiveBufferSize(_maxDatagram));
        var from = new SocketAddress(_socket.AddressFamily);
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                int received;
                try
                {
                    received = await _socket.ReceiveFromAsync(buffer.AsMemory(Headroom, _maxDatagram), SocketFlags.None, from).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                {
                    continue;
                }

                RelayToClient(buffer, received, PeerAddress.From(from));
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
            // The socket was closed under the pending receive: the allocation is gone.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// RFC 8656 §10.3 and §12.7: data from a peer with a permission goes to the client as ChannelData
    /// when a channel is bound to that peer, else as a Data indication. The header is written into the
    /// headroom before the payload, so nothing is copied or allocated.
    /// </summary>
    private void RelayToClient(byte[] buffer, int length, in PeerAddress peer)
    {
        var now = _time.GetTimestamp();
        var tables = Tables;
        if (!tables.IsPermitted(peer, now))
        {
            _metrics.DroppedNoPermission();
            return;
        }

        if (_limited)
        {
            bool taken;
            lock (_toClientLock)
            {
                taken = _toClient.TryTake(length, now);
            }

            if (!taken)
            {
                _metrics.DroppedBandwidth();
                return;
            }
        }

        ushort channel = 0;
        if (tables.ChannelsByPeer.TryGetValue(peer, out var binding) && binding.ExpiresAt > now)
        {
            channel = binding.Number;
        }

        int start, total;
        if (channel != 0)
        {
            start = Headroom - ChannelData.HeaderLength;
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(start), channel);
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(start + 2), (ushort)length);
            total = ChannelData.HeaderLength + length;
            if (Client.IsStream)
            {
                // RFC 8656 §12.5: over TCP and TLS ChannelData is padded to a multiple of 4.
                var padded = (total + 3) & ~3;
                buffer.AsSpan(start + total, padded - total).Clear();
                total = padded;
            }
        }
        else
        {
            start = WriteDataIndicationHeader(buffer, length, peer);
            var padding = ((length + 3) & ~3) - length;
            buffer.AsSpan(Headroom + length, padding).Clear();
            total = Headroom - start + length + padding;
        }

        Client.Send(buffer.AsSpan(start, total));
        _metrics.RelayedToClient(length);
        Tap?.Relayed(RelayDirection.ToClient, RelayedEndPoint, buffer.AsSpan(Headroom, length));
    }

    /// <summary>RFC 8656 §10.3: Data indication = header, XOR-PEER-ADDRESS, DATA; written backwards from the payload.</summary>
    private static int WriteDataIndicationHeader(byte[] buffer, int length, PeerAddress peer)
    {
        var addressLength = peer.IsIPv6 ? 16 : 4;
        var start = Headroom - 4 - (4 + 4 + addressLength) - StunMessage.HeaderLength;
        var span = buffer.AsSpan(start, Headroom - start);
        var padded = (length + 3) & ~3;
        var messageLength = 4 + 4 + addressLength + 4 + padded;
        BinaryPrimitives.WriteUInt16BigEndian(span, StunMessage.EncodeType(StunMethod.Data, StunClass.Indication));
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], (ushort)messageLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], StunMessage.MagicCookie);
        var transactionId = span.Slice(8, 12);
        RandomNumberGenerator.Fill(transactionId);

        var attribute = span[StunMessage.HeaderLength..];
        BinaryPrimitives.WriteUInt16BigEndian(attribute, (ushort)StunAttributeType.XorPeerAddress);
        BinaryPrimitives.WriteUInt16BigEndian(attribute[2..], (ushort)(4 + addressLength));
        attribute[4] = 0;
        attribute[5] = peer.IsIPv6 ? TurnAttributes.FamilyIPv6 : TurnAttributes.FamilyIPv4;
        // RFC 8489 §14.2: port XOR the cookie's top 16 bits, address XOR cookie (|| transaction id for IPv6).
        BinaryPrimitives.WriteUInt16BigEndian(attribute[6..], (ushort)(peer.Port ^ (StunMessage.MagicCookie >> 16)));
        var address = attribute.Slice(8, addressLength);
        peer.WriteAddress(address);
        Span<byte> mask = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
        transactionId.CopyTo(mask[4..]);
        for (var i = 0; i < addressLength; i++)
        {
            address[i] ^= mask[i];
        }

        var data = attribute[(8 + addressLength)..];
        BinaryPrimitives.WriteUInt16BigEndian(data, (ushort)StunAttributeType.Data);
        BinaryPrimitives.WriteUInt16BigEndian(data[2..], (ushort)length);
        return start;
    }
}
