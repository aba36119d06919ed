using System.Buffers.Binary;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>Plain RTP and RTCP packets with random content, built byte by byte per RFC 3550.</summary>
internal static class TestPackets
{
    public const int Slack = 64;

    /// <summary>An RTP packet with <paramref name="csrcs"/> CSRCs, an optional RFC 8285 one-byte extension, and a payload.</summary>
    public static byte[] Rtp(ushort seq, uint ssrc, int payloadLength, int csrcs = 0, bool extension = false, Random? random = null)
    {
        random ??= Random.Shared;
        var extensionWords = extension ? 2 : 0;
        var headerLength = 12 + (4 * csrcs) + (extension ? 4 + (4 * extensionWords) : 0);
        var packet = new byte[headerLength + payloadLength];
        packet[0] = (byte)(0x80 | (extension ? 0x10 : 0) | csrcs);
        packet[1] = (byte)(random.Next(2) << 7 | 111);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), seq);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), (uint)random.Next());
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        var at = 12;
        for (var i = 0; i < csrcs; i++, at += 4)
        {
            BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(at), (uint)random.Next());
        }

        if (extension)
        {
            // RFC 8285 §4.2: 0xBEDE, then element id 1 of 3 bytes and id 2 of 2 bytes and padding.
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(at + 2), (ushort)extensionWords);
            packet[at + 4] = 0x12;
            random.NextBytes(packet.AsSpan(at + 5, 3));
            packet[at + 8] = 0x21;
            random.NextBytes(packet.AsSpan(at + 9, 2));
        }

        random.NextBytes(packet.AsSpan(headerLength));
        return packet;
    }

    /// <summary>A compound RTCP packet: a sender report with one report block, then SDES with a CNAME.</summary>
    public static byte[] Rtcp(uint ssrc, Random? random = null)
    {
        random ??= Random.Shared;
        var packet = new byte[28 + 24 + 20];
        packet[0] = 0x81;
        packet[1] = 200;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), 12);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), ssrc);
        random.NextBytes(packet.AsSpan(8, 44));
        var sdes = packet.AsSpan(52);
        sdes[0] = 0x81;
        sdes[1] = 202;
        BinaryPrimitives.WriteUInt16BigEndian(sdes[2..], 4);
        BinaryPrimitives.WriteUInt32BigEndian(sdes[4..], ssrc);
        sdes[8] = 1;
        sdes[9] = 8;
        "conclave"u8.CopyTo(sdes[10..]);
        return packet;
    }

    public static byte[] WithSlack(byte[] packet)
    {
        var buffer = new byte[packet.Length + Slack];
        packet.CopyTo(buffer, 0);
        return buffer;
    }
}
