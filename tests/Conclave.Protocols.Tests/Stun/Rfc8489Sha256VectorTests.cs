using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Stun;

/// <summary>RFC 8489 Appendix B.1 (as corrected by erratum 6268): long-term credentials with MESSAGE-INTEGRITY-SHA256 and USERHASH.</summary>
public class Rfc8489Sha256VectorTests
{
    internal static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100902112a44278ad3433c6ad72c029da412e001e00204a3cf38fef6992bda952c6780417da0f" +
        "24819415569e60b205c46e41407f1704001500296f624d61744a6f733241414143662f2f3439396b" +
        "39353464364f4c33346f4c394653547679363473410000000014000b6578616d706c652e6f726700" +
        "001d000400020000001c0020b5c7bf005b6c52a21c51c5e892f81924136296cb927c43149309278c" +
        "c6518e65");

    private const string Username = "\u30DE\u30C8\u30EA\u30C3\u30AF\u30B9";
    private const string Realm = "example.org";
    private const string Password = "TheMatrIX";

    [Fact]
    public void AppendixB1_Request_ParsesAlgorithmNonceAndRealm()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message, out var error), error.ToString());
        Assert.Equal(StunMethod.Binding, message.Method);
        Assert.True(message.TryGetString(StunAttributeType.Nonce, out var nonce));
        Assert.Equal("obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA", nonce);
        Assert.True(message.TryGetString(StunAttributeType.Realm, out var realm));
        Assert.Equal(Realm, realm);
        Assert.Equal(new byte[] { 0, 2, 0, 0 }, message.GetValue(StunAttributeType.PasswordAlgorithm).ToArray());
    }

    [Fact]
    public void AppendixB1_Userhash_IsSha256OfUsernameAndRealm()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message, out _));
        Assert.Equal(
            Convert.ToHexString(message.GetValue(StunAttributeType.Userhash)),
            Convert.ToHexString(StunCredentials.UserHash(Username, Realm)));
    }

    [Fact]
    public void AppendixB1_MessageIntegritySha256_VerifiesWithSha256LongTermKey()
    {
        Assert.True(StunMessage.TryParse(SampleRequest, out var message, out _));
        var key = StunCredentials.LongTermKey(Username, Realm, Password, StunPasswordAlgorithm.Sha256);
        Assert.True(message.VerifyMessageIntegritySha256(key));
        Assert.True(message.VerifyIntegrity(key));
        Assert.False(message.VerifyMessageIntegritySha256(StunCredentials.LongTermKey(Username, Realm, Password, StunPasswordAlgorithm.Md5)));
    }

    [Fact]
    public void AppendixB1_Request_IsReproducedByteForByteByTheBuilder()
    {
        var key = StunCredentials.LongTermKey(Username, Realm, Password, StunPasswordAlgorithm.Sha256);
        var built = new StunMessageBuilder(StunMethod.Binding, StunClass.Request, Convert.FromHexString("78ad3433c6ad72c029da412e"))
            .Add(StunAttributeType.Userhash, StunCredentials.UserHash(Username, Realm))
            .AddString(StunAttributeType.Nonce, "obMatJos2AAACf//499k954d6OL34oL9FSTvy64sA")
            .AddString(StunAttributeType.Realm, Realm)
            .AddPasswordAlgorithm(StunPasswordAlgorithm.Sha256)
            .AddMessageIntegritySha256(key)
            .ToArray();
        Assert.Equal(Convert.ToHexString(SampleRequest), Convert.ToHexString(built));
    }
}
