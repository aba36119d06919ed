using System.Text;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Stun;

/// <summary>
/// RFC 8489 §7.3 (FINGERPRINT) and §14 (attribute lengths) as the parser and the in-place indication
/// check apply them, at and just past each limit.
/// </summary>
public class Rfc8489AttributeLimitTests
{
    [Fact]
    public void WrongFingerprint_IsRefusedByTheParser()
    {
        var message = Request().AddString(StunAttributeType.Software, "probe").AddFingerprint().ToArray();
        message[^1] ^= 0x01;

        Assert.False(StunMessage.TryParse(message, out _, out var error));
        Assert.Equal(StunParseError.FingerprintMismatch, error);
    }

    [Fact]
    public void RightFingerprint_OrNone_Parses()
    {
        Assert.True(StunMessage.TryParse(Request().AddFingerprint().ToArray(), out var withFingerprint, out _));
        Assert.True(withFingerprint.VerifyFingerprint());
        Assert.True(StunMessage.TryParse(Request().ToArray(), out var without, out _));
        Assert.False(without.VerifyFingerprint());
    }

    [Theory]
    // §14.3: a receiver parses USERNAME up to 763 bytes (RFC 5389 compatibility); beyond, refused.
    [InlineData(StunAttributeType.Username, 763, true)]
    [InlineData(StunAttributeType.Username, 764, false)]
    [InlineData(StunAttributeType.Username, 10_000, false)]
    // §14.9, §14.10, §14.14: fewer than 128 characters.
    [InlineData(StunAttributeType.Realm, 127, true)]
    [InlineData(StunAttributeType.Realm, 128, false)]
    [InlineData(StunAttributeType.Nonce, 127, true)]
    [InlineData(StunAttributeType.Nonce, 128, false)]
    [InlineData(StunAttributeType.Software, 127, true)]
    [InlineData(StunAttributeType.Software, 128, false)]
    // §14.16: 255 or fewer ASCII characters.
    [InlineData(StunAttributeType.AlternateDomain, 255, true)]
    [InlineData(StunAttributeType.AlternateDomain, 256, false)]
    public void AsciiText_AtAndPastTheLimit(StunAttributeType type, int length, bool accepted)
    {
        var message = Request().AddString(type, new string('a', length)).ToArray();

        Assert.Equal(accepted, StunMessage.TryParse(message, out _, out var error));
        Assert.Equal(accepted ? StunParseError.None : StunParseError.InvalidAttribute, error);
    }

    [Theory]
    // 127 four-byte characters are 508 bytes: within both limits.
    [InlineData(127, 4, true)]
    [InlineData(128, 4, false)]
    [InlineData(127, 2, true)]
    [InlineData(128, 2, false)]
    public void Realm_CountsCharactersNotBytes(int characters, int bytesPerCharacter, bool accepted)
    {
        var character = bytesPerCharacter == 4 ? "\U0001F600" : "\u00E9";
        var realm = string.Concat(Enumerable.Repeat(character, characters));
        Assert.Equal(characters * bytesPerCharacter, Encoding.UTF8.GetByteCount(realm));

        Assert.Equal(accepted, StunMessage.TryParse(Request().AddString(StunAttributeType.Realm, realm).ToArray(), out _, out _));
    }

    [Fact]
    public void Realm_Over763Bytes_IsRefused()
    {
        // Bytes the strict decoder would refuse anyway; the length alone already refuses them.
        Assert.False(StunMessage.TryParse(Request().Add(StunAttributeType.Realm, new byte[764]).ToArray(), out _, out var error));
        Assert.Equal(StunParseError.InvalidAttribute, error);
    }

    [Theory]
    [InlineData(127, true)]
    [InlineData(128, false)]
    public void ErrorCodeReasonPhrase_FewerThan128Characters(int length, bool accepted)
    {
        var response = new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse)
            .AddErrorCode(StunErrorCodes.BadRequest, new string('r', length)).ToArray();

        Assert.Equal(accepted, StunMessage.TryParse(response, out _, out _));
    }

    [Fact]
    public void ErrorCodeShorterThanItsFixedPart_IsRefused()
    {
        var response = new StunMessageBuilder(StunMethod.Binding, StunClass.ErrorResponse).Add(StunAttributeType.ErrorCode, [0, 0, 4]).ToArray();

        Assert.False(StunMessage.TryParse(response, out _, out var error));
        Assert.Equal(StunParseError.InvalidAttribute, error);
    }

    [Theory]
    [InlineData(32, true)]
    [InlineData(31, false)]
    [InlineData(64, false)]
    public void Userhash_IsExactly32Bytes(int length, bool accepted)
    {
        Assert.Equal(accepted, StunMessage.TryParse(Request().Add(StunAttributeType.Userhash, new byte[length]).ToArray(), out _, out _));
    }

    [Fact]
    public void NonAsciiAlternateDomain_IsRefused()
    {
        Assert.False(StunMessage.TryParse(Request().AddString(StunAttributeType.AlternateDomain, "b\u00FCcher.example").ToArray(), out _, out _));
    }

    [Fact]
    public void OverLongAttributeAfterIntegrity_IsIgnoredLikeTheRestThere()
    {
        var message = Request().AddMessageIntegrity(new byte[16]).AddString(StunAttributeType.Software, new string('s', 200)).ToArray();

        Assert.True(StunMessage.TryParse(message, out var parsed, out _));
        Assert.False(parsed.Has(StunAttributeType.Software));
    }

    [Fact]
    public void Indication_InPlaceCheck_AppliesTheSameRules_AndRefusesUnknownComprehensionRequired()
    {
        static StunMessageBuilder Send() => new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
            .AddXorAddress(StunAttributeType.XorPeerAddress, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 5000))
            .Add(StunAttributeType.Data, [1, 2, 3]);

        Assert.True(StunAttributeReader.IsAcceptableIndication(Send().ToArray()));
        Assert.True(StunAttributeReader.IsAcceptableIndication(Send().AddFingerprint().ToArray()));
        Assert.True(StunAttributeReader.IsAcceptableIndication(Send().Add((StunAttributeType)0x8031, [1]).ToArray()));

        var wrongFingerprint = Send().AddFingerprint().ToArray();
        wrongFingerprint[^1] ^= 0x01;
        Assert.False(StunAttributeReader.IsAcceptableIndication(wrongFingerprint));
        Assert.False(StunAttributeReader.IsAcceptableIndication(Send().Add((StunAttributeType)0x0031, [1]).ToArray()));
        Assert.False(StunAttributeReader.IsAcceptableIndication(Send().AddString(StunAttributeType.Software, new string('s', 128)).ToArray()));
        Assert.False(StunAttributeReader.IsAcceptableIndication(Send().ToArray().AsSpan(0, 28)));
    }

    private static StunMessageBuilder Request() => new(StunMethod.Binding, StunClass.Request);
}
