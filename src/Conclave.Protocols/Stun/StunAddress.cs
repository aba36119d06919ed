using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Conclave.Protocols.Stun;

/// <summary>
/// MAPPED-ADDRESS (RFC 8489 §14.1) and the XOR-encoded address attributes (§14.2; TURN reuses the
/// encoding for XOR-PEER-ADDRESS and XOR-RELAYED-ADDRESS, RFC 8656 §18.3 and §18.5).
/// </summary>
public static class StunAddress
{
    private const byte FamilyIPv4 = 0x01;
    private const byte FamilyIPv6 = 0x02;

    /// <summary>Encoded size of an address value for this endpoint's family.</summary>
    public static int EncodedLength(IPEndPoint endPoint) =>
        endPoint.AddressFamily == AddressFamily.InterNetworkV6 ? 20 : 8;

    public static bool TryRead(ReadOnlySpan<byte> value, out IPEndPoint endPoint, out StunParseError error) =>
        TryReadCore(value, [], xor: false, out endPoint, out error);

    public static bool TryReadXor(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, out IPEndPoint endPoint, out StunParseError error) =>
        TryReadCore(value, transactionId, xor: true, out endPoint, out error);

    public static int Write(Span<byte> destination, IPEndPoint endPoint) => WriteCore(destination, endPoint, [], xor: false);

    public static int WriteXor(Span<byte> destination, IPEndPoint endPoint, ReadOnlySpan<byte> transactionId) =>
        WriteCore(destination, endPoint, transactionId, xor: true);

    private static bool TryReadCore(ReadOnlySpan<byte> value, ReadOnlySpan<byte> transactionId, bool xor, out IPEndPoint endPoint, out StunParseError error)
    {
        endPoint = null!;
        if (value.Length < 4)
        {
            error = StunParseError.InvalidAttribute;
            return false;
        }

        var family = value[1];
        int addressLength = family switch { FamilyIPv4 => 4, FamilyIPv6 => 16, _ => -1 };
        if (addressLength < 0)
        {
            error = StunParseError.UnknownAddressFamily;
            return false;
        }

        if (value.Length != 4 + addressLength || (xor && transactionId.Length != 12))
        {
            error = StunParseError.InvalidAttribute;
            return false;
        }

        int port = BinaryPrimitives.ReadUInt16BigEndian(value[2..]);
        Span<byte> address = stackalloc byte[addressLength];
        value.Slice(4, addressLength).CopyTo(address);
        if (xor)
        {
            port ^= (int)(StunMessage.MagicCookie >> 16);
            Span<byte> mask = stackalloc byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
            transactionId.CopyTo(mask[4..]);
            for (var i = 0; i < addressLength; i++)
            {
                address[i] ^= mask[i];
            }
        }

        endPoint = new IPEndPoint(new IPAddress(address), port);
        error = StunParseError.None;
        return true;
    }

    private static int WriteCore(Span<byte> destination, IPEndPoint endPoint, ReadOnlySpan<byte> transactionId, bool xor)
    {
        var v6 = endPoint.AddressFamily == AddressFamily.InterNetworkV6;
        int addressLength = v6 ? 16 : 4;
        destination[0] = 0;
        destination[1] = v6 ? FamilyIPv6 : FamilyIPv4;
        var port = (ushort)endPoint.Port;
        if (xor)
        {
            port ^= (ushort)(StunMessage.MagicCookie >> 16);
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], port);
        var address = destination.Slice(4, addressLength);
        endPoint.Address.TryWriteBytes(address, out _);
        if (xor)
        {
            Span<byte> mask = stackalloc byte[16];
            BinaryPrimitives.WriteUInt32BigEndian(mask, StunMessage.MagicCookie);
            transactionId.CopyTo(mask[4..]);
            for (var i = 0; i < addressLength; i++)
            {
                address[i] ^= mask[i];
            }
        }

        return 4 + addressLength;
    }
}
