using System.Buffers.Binary;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Turn;

/// <summary>Encoders and readers for TURN attribute values (RFC 8656 §18).</summary>
public static class TurnAttributes
{
    /// <summary>RFC 8656 §18.7: protocol number of UDP in REQUESTED-TRANSPORT.</summary>
    public const byte TransportUdp = 17;

    public const byte FamilyIPv4 = 0x01;
    public const byte FamilyIPv6 = 0x02;

    public static StunMessageBuilder AddRequestedTransport(this StunMessageBuilder builder, byte protocol = TransportUdp) =>
        builder.Add(StunAttributeType.RequestedTransport, [protocol, 0, 0, 0]);

    /// <summary>CHANNEL-NUMBER (RFC 8656 §18.1): the number then two reserved bytes.</summary>
    public static StunMessageBuilder AddChannelNumber(this StunMessageBuilder builder, ushort channel)
    {
        Span<byte> value = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16BigEndian(value, channel);
        return builder.Add(StunAttributeType.ChannelNumber, value);
    }

    public static StunMessageBuilder AddLifetime(this StunMessageBuilder builder, TimeSpan lifetime) =>
        builder.AddUInt32(StunAttributeType.Lifetime, (uint)Math.Max(0, lifetime.TotalSeconds));

    /// <summary>REQUESTED-ADDRESS-FAMILY / ADDITIONAL-ADDRESS-FAMILY (RFC 8656 §18.6, §18.11).</summary>
    public static StunMessageBuilder AddAddressFamily(this StunMessageBuilder builder, StunAttributeType type, byte family) =>
        builder.Add(type, [family, 0, 0, 0]);

    /// <summary>EVEN-PORT (RFC 8656 §18.8): R bit asks to reserve the next port too.</summary>
    public static StunMessageBuilder AddEvenPort(this StunMessageBuilder builder, bool reserveNext) =>
        builder.Add(StunAttributeType.EvenPort, [(byte)(reserveNext ? 0x80 : 0)]);

    public static StunMessageBuilder AddReservationToken(this StunMessageBuilder builder, ulong token) =>
        builder.AddUInt64(StunAttributeType.ReservationToken, token);

    /// <summary>ADDRESS-ERROR-CODE (RFC 8656 §18.13): family, class and number, reason phrase.</summary>
    public static StunMessageBuilder AddAddressErrorCode(this StunMessageBuilder builder, byte family, int code, string reason)
    {
        var reasonBytes = System.Text.Encoding.UTF8.GetBytes(reason);
        Span<byte> value = stackalloc byte[4 + reasonBytes.Length];
        value[0] = family;
        value[1] = 0;
        value[2] = (byte)(code / 100);
        value[3] = (byte)(code % 100);
        reasonBytes.CopyTo(value[4..]);
        return builder.Add(StunAttributeType.AddressErrorCode, value);
    }

    /// <summary>Reads PASSWORD-ALGORITHMS (RFC 8489 §14.11), skipping each algorithm's padded parameters.</summary>
    public static IReadOnlyList<StunPasswordAlgorithm> GetPasswordAlgorithms(this StunMessage message)
    {
        var value = message.GetValue(StunAttributeType.PasswordAlgorithms);
        var list = new List<StunPasswordAlgorithm>();
        var offset = 0;
        while (value.Length - offset >= 4)
        {
            var algorithm = BinaryPrimitives.ReadUInt16BigEndian(value[offset..]);
            int parameters = BinaryPrimitives.ReadUInt16BigEndian(value[(offset + 2)..]);
            var next = offset + 4 + ((parameters + 3) & ~3);
            if (next > value.Length)
            {
                break;
            }

            list.Add((StunPasswordAlgorithm)algorithm);
            offset = next;
        }

        return list;
    }

    /// <summary>Reads PASSWORD-ALGORITHM (RFC 8489 §14.12).</summary>
    public static bool TryGetPasswordAlgorithm(this StunMessage message, out StunPasswordAlgorithm algorithm)
    {
        var value = message.GetValue(StunAttributeType.PasswordAlgorithm);
        algorithm = value.Length >= 4 ? (StunPasswordAlgorithm)BinaryPrimitives.ReadUInt16BigEndian(value) : 0;
        return value.Length >= 4;
    }

    public static bool TryGetReservationToken(this StunMessage message, out ulong token) =>
        message.TryGetUInt64(StunAttributeType.ReservationToken, out token);

    public static bool TryGetChannelNumber(this StunMessage message, out ushort channel)
    {
        channel = 0;
        var value = message.GetValue(StunAttributeType.ChannelNumber);
        if (value.Length != 4)
        {
            return false;
        }

        channel = BinaryPrimitives.ReadUInt16BigEndian(value);
        return true;
    }

    public static bool TryGetLifetime(this StunMessage message, out TimeSpan lifetime)
    {
        lifetime = default;
        if (!message.TryGetUInt32(StunAttributeType.Lifetime, out var seconds))
        {
            return false;
        }

        lifetime = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static bool TryGetRequestedTransport(this StunMessage message, out byte protocol)
    {
        var value = message.GetValue(StunAttributeType.RequestedTransport);
        protocol = value.Length == 4 ? value[0] : (byte)0;
        return value.Length == 4;
    }

    public static bool TryGetAddressFamily(this StunMessage message, StunAttributeType type, out byte family)
    {
        var value = message.GetValue(type);
        family = value.Length == 4 ? value[0] : (byte)0;
        return value.Length == 4 && family is FamilyIPv4 or FamilyIPv6;
    }

    public static bool TryGetEvenPort(this StunMessage message, out bool reserveNext)
    {
        var value = message.GetValue(StunAttributeType.EvenPort);
        reserveNext = value.Length == 1 && (value[0] & 0x80) != 0;
        return value.Length == 1;
    }
}
