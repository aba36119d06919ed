using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Server.Networking;
using CsCheck;

namespace Conclave.Server.Tests.Relay;

/// <summary>The in-place reading of Send indications agrees with the full STUN parser.</summary>
public sealed class SendIndicationReadingTests
{
    [Fact]
    public void TryFind_AgreesWithStunMessage_OnBuiltMessages()
    {
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Byte.Array[0, 300], Gen.UShort, Gen.Bool).Sample((software, data, port, v6) =>
        {
            var peer = new IPEndPoint(v6 ? IPAddress.Parse("2001:db8::7") : IPAddress.Parse("192.0.2.9"), port);
            var bytes = new StunMessageBuilder(StunMethod.Send, StunClass.Indication)
                .Add(StunAttributeType.Software, software)
                .AddXorAddress(StunAttributeType.XorPeerAddress, peer)
                .Add(StunAttributeType.Data, data)
                .ToArray();
            Assert.True(StunMessage.TryParse(bytes, out var parsed, out _));

            Assert.True(StunAttributeReader.TryFind(bytes, StunAttributeType.Data, out var found));
            Assert.Equal(parsed.GetValue(StunAttributeType.Data).ToArray(), found.ToArray());
            Assert.True(StunAttributeReader.TryFind(bytes, StunAttributeType.XorPeerAddress, out var xor));
            Assert.True(PeerAddress.TryReadXor(xor, parsed.TransactionId, out var read));
            Assert.Equal(PeerAddress.From(peer), read);
            Assert.False(StunAttributeReader.TryFind(bytes, StunAttributeType.Realm, out _));
        });
    }

    [Fact]
    public void TryFind_OnArbitraryBytes_NeverThrowsAndStaysInBounds()
    {
        Gen.Byte.Array[0, 120].Sample(bytes =>
        {
            if (StunAttributeReader.TryFind(bytes, StunAttributeType.Data, out var value))
            {
                Assert.True(value.Length <= bytes.Length - StunMessage.HeaderLength - 4);
            }

            PeerAddress.TryReadXor(bytes, new byte[12], out _);
        });
    }

    [Fact]
    public void TryFind_AttributeLengthPastTheEnd_IsNotFound()
    {
        var bytes = new StunMessageBuilder(StunMethod.Send, StunClass.Indication).Add(StunAttributeType.Data, [1, 2, 3, 4]).ToArray();
        bytes[StunMessage.HeaderLength + 2] = 0xFF;
        bytes[StunMessage.HeaderLength + 3] = 0xFF;

        Assert.False(StunAttributeReader.TryFind(bytes, StunAttributeType.Data, out _));
    }
}
