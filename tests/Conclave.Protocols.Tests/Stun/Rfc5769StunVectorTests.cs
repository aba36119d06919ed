using System.Net;
using System.Text;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Stun;

/// <summary>Known-answer tests from RFC 5769 (Test Vectors for STUN).</summary>
public class Rfc5769StunVectorTests
{
    // RFC 5769 §2.1 Sample Request (short-term credentials, password "VOkJxbRl1RmTxUk/WvJxBt").
    internal static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74" +
        "002400046e0001ff80290008932ff9b151263b36000600096576746a3a6836765920202000080014" +
        "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    // RFC 5769 §2.2 Sample IPv4 Response (XOR-MAPPED-ADDRESS 192.0.2.1:32853).
    internal static readonly byte[] SampleIPv4Response = Convert.FromHexString(
        "0101003c2112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f722000200008" +
        "0001a147e112a643000800142b91f599fd9e90c38c7489f92af9ba53f06be7d780280004c07d4c96");

    // RFC 5769 §2.3 Sample IPv6 Response (XOR-MAPPED-ADDRESS [2001:db8:1234:5678:11:2233:4455:6677]:32853).
    internal static readonly byte[] SampleIPv6Response = Convert.FromHexString(
        "010100482112a442b7e7a701bc34d686fa87dfae8022000b7465737420766563746f722000200014" +
        "0002a1470113a9faa5d3f179bc25f4b5bed2b9d900080014a382954e4be67bf11784c97c8292c275" +
        "bfe3ed4180280004c8fb0b4c");

    // RFC 5769 §2.4 Sample Request with Long-Term Authentication.
    internal static readonly byte[] SampleLongTermRequest = Convert.FromHexString(
        "000100602112a44278ad3433c6ad72c029da412e00060012e3839ee38388e383aae38383e382afe3" +
        "82b900000015001c662f2f3439396b39353464364f4c33346f4c394653547679363473410014000b" +
        "6578616d706c652e6f72670000080014f67024656dd64a3e02b8e0712e85c9a28ca89666");

    private const string ShortTermPassword = "VOkJxbRl1RmTxUk/WvJxBt";

    [Fact]
    public void Section2_1_SampleRequest_ParsesWithItsAttributes()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message, out var error), error.ToString());
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.Equal(StunClass.Request, message.Class);
        Assert.Equal(Convert.FromHexString("b7e7a701bc34d686fa87dfae"), message.TransactionId.ToArray());
        Assert.True(message.TryGetString(StunAttributeType.Software, out var software));
        Assert.Equal("STUN test client", software);
        Assert.True(message.TryGetString(StunAttributeType.Username, out var username));
        Assert.Equal("evtj:h6vY", username);
        Assert.True(message.TryGetUInt32(StunAttributeType.Priority, out var priority));
        Assert.Equal(0x6e0001ffu, priority);
        Assert.True(message.TryGetUInt64(StunAttributeType.IceControlled, out var tiebreaker));
        Assert.Equal(0x932ff9b151263b36ul, tiebreaker);
    }

    [Fact]
    public void Section2_1_SampleRequest_IntegrityAndFingerprintVerify()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message, out _));
        Assert.True(message.VerifyMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword)));
        Assert.False(message.VerifyMessageIntegrity(StunCredentials.ShortTermKey("VOkJxbRl1RmTxUk/WvJxBu")));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Section2_1_SampleRequest_IsReproducedByteForByteByTheBuilder()
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.Request, Convert.FromHexString("b7e7a701bc34d686fa87dfae"))
        {
            PaddingByte = 0x20, // RFC 5769 §2.1: the sample pads with spaces.
        };
        builder.AddString(StunAttributeType.Software, "STUN test client")
            .AddUInt32(StunAttributeType.Priority, 0x6e0001ff)
            .AddUInt64(StunAttributeType.IceControlled, 0x932ff9b151263b36)
            .AddString(StunAttributeType.Username, "evtj:h6vY")
            .AddMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword))
            .AddFingerprint();
        Assert.Equal(Convert.ToHexString(SampleRequest), Convert.ToHexString(builder.ToArray()));
    }

    [Fact]
    public void Section2_2_SampleIPv4Response_GivesMappedAddressAndVerifies()
    {
        Assert.True(StunMessage.TryParse(SampleIPv4Response, out var message, out _));
        Assert.Equal(StunClass.SuccessResponse, message.Class);
        Assert.True(message.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), mapped);
        Assert.True(message.TryGetString(StunAttributeType.Software, out var software));
        Assert.Equal("test vector", software);
        Assert.True(message.VerifyMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword)));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Section2_2_SampleIPv4Response_IsReproducedByteForByteByTheBuilder()
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, Convert.FromHexString("b7e7a701bc34d686fa87dfae"))
        {
            PaddingByte = 0x20,
        };
        builder.AddString(StunAttributeType.Software, "test vector")
            .AddXorAddress(StunAttributeType.XorMappedAddress, new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853))
            .AddMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword))
            .AddFingerprint();
        Assert.Equal(Convert.ToHexString(SampleIPv4Response), Convert.ToHexString(builder.ToArray()));
    }

    [Fact]
    public void Section2_3_SampleIPv6Response_GivesMappedAddressAndVerifies()
    {
        Assert.True(StunMessage.TryParse(SampleIPv6Response, out var message, out _));
        Assert.True(message.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var mapped));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), mapped);
        Assert.True(message.VerifyMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword)));
        Assert.True(message.VerifyFingerprint());
    }

    [Fact]
    public void Section2_3_SampleIPv6Response_IsReproducedByteForByteByTheBuilder()
    {
        var builder = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, Convert.FromHexString("b7e7a701bc34d686fa87dfae"))
        {
            PaddingByte = 0x20,
        };
        builder.AddString(StunAttributeType.Software, "test vector")
            .AddXorAddress(StunAttributeType.XorMappedAddress, new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853))
            .AddMessageIntegrity(StunCredentials.ShortTermKey(ShortTermPassword))
            .AddFingerprint();
        Assert.Equal(Convert.ToHexString(SampleIPv6Response), Convert.ToHexString(builder.ToArray()));
    }

    [Fact]
    public void Section2_4_LongTermRequest_VerifiesWithSaslPreparedCredentials()
    {
        Assert.True(StunMessage.TryParse(SampleLongTermRequest, out var message, out var error), error.ToString());
        Assert.True(message.TryGetString(StunAttributeType.Username, out var username));
        Assert.Equal("\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9", username);
        Assert.True(message.TryGetString(StunAttributeType.Realm, out var realm));
        Assert.Equal("example.org", realm);
        Assert.True(message.TryGetString(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("f//499k954d6OL34oL9FSTvy64sA", nonce);

        // RFC 5769 §2.4: the password "The<U+00AD>M<U+00AA>tr<U+2168>" is "TheMatrIX" after SASLprep.
        const string password = "The\u00ADM\u00AAtr\u2168";
        Assert.Equal("TheMatrIX", SaslPrep.Prepare(password));
        var key = StunCredentials.LongTermKey(username, realm, password);
        Assert.True(message.VerifyMessageIntegrity(key));
        Assert.False(message.VerifyMessageIntegrity(StunCredentials.LongTermKey(username, realm, "TheMatrix")));
    }

    [Fact]
    public void Section2_1_SampleRequest_TamperedSoftware_FailsTheFingerprint()
    {
        var tampered = (byte[])SampleRequest.Clone();
        tampered[30] ^= 0x01;

        // RFC 8489 §7.3: a wrong FINGERPRINT discards the message before anything reads it.
        Assert.False(StunMessage.TryParse(tampered, out _, out var error));
        Assert.Equal(StunParseError.FingerprintMismatch, error);
    }

    [Fact]
    public void Section2_1_SampleRequest_TamperedSoftwareWithoutFingerprint_FailsIntegrity()
    {
        // The sample without its FINGERPRINT (the last 8 bytes), the header length shortened to match.
        var tampered = SampleRequest[..^8];
        tampered[3] -= 8;
        tampered[30] ^= 0x01;

        Assert.True(StunMessage.TryParse(tampered, out var message, out var error), error.ToString());
        Assert.False(message.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(ShortTermPassword)));
        Assert.False(message.VerifyFingerprint());
    }
}
