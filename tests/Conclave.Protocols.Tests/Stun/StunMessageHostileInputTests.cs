using System.Buffers.Binary;
using System.Net;
using Conclave.Protocols.Stun;
using CsCheck;

namespace Conclave.Protocols.Tests.Stun;

public class StunMessageHostileInputTests
{
    private static byte[] Header(ushort type, int length)
    {
        var b = new byte[20 + Math.Max(0, length)];
        BinaryPrimitives.WriteUInt16BigEndian(b, type);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)length);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), StunMessage.MagicCookie);
        return b;
    }

    [Fact]
    public void TooShort_IsRejected()
    {
        Assert.False(StunMessage.TryParse(new byte[19], out _, out var error));
        Assert.Equal(StunParseError.TooShort, error);
    }

    [Fact]
    public void WrongMagicCookieOrTopBits_IsNotStun()
    {
        var b = Header(0x0001, 0);
        b[4] ^= 1;
        Assert.False(StunMessage.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.NotStun, error);
        var c = Header(0x4001, 0);
        Assert.False(StunMessage.TryParse(c, out _, out error));
        Assert.Equal(StunParseError.NotStun, error);
    }

    [Theory]
    [InlineData(0xFFFC)]
    [InlineData(0xFFFF)]
    [InlineData(4)]
    [InlineData(3)]
    public void HeaderLengthDisagreeingWithDatagram_IsRejected(int declared)
    {
        var b = Header(0x0001, 8);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)declared);
        Assert.False(StunMessage.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.LengthMismatch, error);
    }

    [Theory]
    [InlineData(0xFFFF)]
    [InlineData(0xFFFD)]
    [InlineData(5)]
    public void AttributeLengthPastTheEnd_IsTruncated(int attributeLength)
    {
        var b = Header(0x0001, 8);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), (ushort)StunAttributeType.Username);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), (ushort)attributeLength);
        Assert.False(StunMessage.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.TruncatedAttribute, error);
    }

    [Fact]
    public void MaximumSizeMessage_OfManyAttributes_Parses()
    {
        // 0xFFFC bytes of attributes: the largest length a STUN header can carry that is a multiple of 4.
        var b = Header(0x0001, 0xFFFC);
        for (var offset = 20; offset < b.Length; offset += 4)
        {
            BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(offset), 0x8050); // unknown, comprehension-optional, empty
        }

        Assert.True(StunMessage.TryParse(b, out var m, out _));
        Assert.Equal(0xFFFC / 4, m.Attributes.Count);
    }

    [Fact]
    public void IntegrityAttributeWithWrongLength_IsInvalid()
    {
        var b = Header(0x0001, 8);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(20), (ushort)StunAttributeType.MessageIntegrity);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(22), 4);
        Assert.False(StunMessage.TryParse(b, out _, out var error));
        Assert.Equal(StunParseError.InvalidAttribute, error);
    }

    [Fact]
    public void AttributesAfterIntegrity_AreIgnored_ButFingerprintIsKept()
    {
        var key = "secret"u8.ToArray();
        var built = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
            .AddString(StunAttributeType.Username, "a:b")
            .AddMessageIntegrity(key)
            .AddString(StunAttributeType.Software, "after integrity")
            .AddFingerprint()
            .ToArray();
        Assert.True(StunMessage.TryParse(built, out var m, out _));
        Assert.False(m.Has(StunAttributeType.Software));
        Assert.True(m.VerifyMessageIntegrity(key));
        Assert.True(m.VerifyFingerprint()); // FINGERPRINT covers every byte before it, the ignored attribute included
    }

    [Fact]
    public void XorAddressWithUnknownFamilyOrShortValue_IsRejected()
    {
        Assert.False(StunAddress.TryReadXor([0, 3, 0, 0, 1, 2, 3, 4], new byte[12], out _, out var error));
        Assert.Equal(StunParseError.UnknownAddressFamily, error);
        Assert.False(StunAddress.TryReadXor([0, 1, 0, 0, 1, 2, 3], new byte[12], out _, out error));
        Assert.Equal(StunParseError.InvalidAttribute, error);
        Assert.False(StunAddress.TryReadXor([0, 2, 0, 0, 1, 2, 3, 4], new byte[12], out _, out _));
    }

    [Fact]
    public void ErrorCodeOutOfRange_IsNotReported()
    {
        var m = Parse(new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse).Add(StunAttributeType.ErrorCode, [0, 0, 9, 99]).ToArray());
        Assert.False(m.TryGetErrorCode(out _, out _));

        // Shorter than its fixed part: refused by the parser (Rfc8489AttributeLimitTests).
        Assert.False(StunMessage.TryParse(new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse).Add(StunAttributeType.ErrorCode, [0, 0, 4]).ToArray(), out _, out _));
    }

    [Fact]
    public void InvalidUtf8Username_IsNotReturnedAsText()
    {
        var m = Parse(new StunMessageBuilder(StunMethod.Binding, StunClass.Request).Add(StunAttributeType.Username, [0xC3, 0x28]).ToArray());
        Assert.False(m.TryGetString(StunAttributeType.Username, out _));
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            var ok = StunMessage.TryParse(bytes, out _, out var error);
            Assert.Equal(ok, error == StunParseError.None);
            if (bytes.Length >= 20)
            {
                // Force the header valid so the attribute walker sees the random tail.
                var b = (byte[])bytes.Clone();
                b[0] &= 0x3F;
                BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), StunMessage.MagicCookie);
                BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)((b.Length - 20) & ~3));
                var trimmed = b[..(20 + ((b.Length - 20) & ~3))];
                if (StunMessage.TryParse(trimmed, out var m, out _))
                {
                    m.VerifyFingerprint();
                    m.VerifyMessageIntegrity(new byte[16]);
                    m.VerifyMessageIntegritySha256(new byte[32]);
                    m.TryGetErrorCode(out _, out _);
                    m.TryGetXorAddress(StunAttributeType.XorMappedAddress, out _);
                    m.GetUnknownAttributes();
                }
            }
        }, iter: 5000);
    }

    [Fact]
    public void BuiltMessages_RoundTripThroughTheParser()
    {
        var gen = Gen.Select(Gen.String[0, 100], Gen.UInt, Gen.Byte.Array[4], Gen.UShort, Gen.Bool);
        gen.Sample((text, number, address, port, v6) =>
        {
            var endPoint = new IPEndPoint(v6 ? new IPAddress([.. address, .. address, .. address, .. address]) : new IPAddress(address), port);
            var key = "k"u8.ToArray();
            var bytes = new StunMessageBuilder(StunMethod.Allocate, StunClass.SuccessResponse)
                .AddString(StunAttributeType.Software, text)
                .AddUInt32(StunAttributeType.Lifetime, number)
                .AddXorAddress(StunAttributeType.XorRelayedAddress, endPoint)
                .AddMessageIntegrity(key)
                .AddMessageIntegritySha256(key)
                .AddFingerprint()
                .ToArray();
            Assert.True(StunMessage.TryParse(bytes, out var m, out _));
            Assert.Equal(StunMethod.Allocate, m.Method);
            Assert.Equal(StunClass.SuccessResponse, m.Class);
            Assert.True(m.TryGetString(StunAttributeType.Software, out var s) && s == text);
            Assert.True(m.TryGetUInt32(StunAttributeType.Lifetime, out var n) && n == number);
            Assert.True(m.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var e) && e.Equals(endPoint));
            Assert.True(m.VerifyMessageIntegrity(key) && m.VerifyMessageIntegritySha256(key) && m.VerifyFingerprint());
        }, iter: 300);
    }

    [Theory]
    [InlineData(StunMethod.Binding, StunClass.Request, 0x0001)]
    [InlineData(StunMethod.Binding, StunClass.SuccessResponse, 0x0101)]
    [InlineData(StunMethod.Binding, StunClass.ErrorResponse, 0x0111)]
    [InlineData(StunMethod.Allocate, StunClass.Request, 0x0003)]
    [InlineData(StunMethod.Send, StunClass.Indication, 0x0016)]
    [InlineData(StunMethod.Data, StunClass.Indication, 0x0017)]
    [InlineData(StunMethod.ChannelBind, StunClass.SuccessResponse, 0x0109)]
    public void MessageType_EncodesMethodAndClassBits(StunMethod method, StunClass messageClass, int expected)
    {
        Assert.Equal(expected, StunMessage.EncodeType(method, messageClass));
        Assert.Equal((method, messageClass), StunMessage.DecodeType((ushort)expected));
    }

    private static StunMessage Parse(byte[] bytes)
    {
        Assert.True(StunMessage.TryParse(bytes, out var m, out _));
        return m;
    }
}
