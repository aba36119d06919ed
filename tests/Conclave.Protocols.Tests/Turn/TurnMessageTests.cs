using System.Net;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Protocols.Tests.Turn;

/// <summary>TURN requests and responses as both a client and a server build and read them (RFC 8656 §18).</summary>
public class TurnMessageTests
{
    private static StunMessage Parse(byte[] bytes)
    {
        Assert.True(StunMessage.TryParse(bytes, out var m, out var error), error.ToString());
        return m;
    }

    [Fact]
    public void AllocateRequest_CarriesTransportFamilyEvenPortAndDontFragment()
    {
        var key = StunCredentials.LongTermKey("user", "realm", "pass");
        var m = Parse(new StunMessageBuilder(StunMethod.Allocate, StunClass.Request)
            .AddRequestedTransport()
            .AddAddressFamily(StunAttributeType.RequestedAddressFamily, TurnAttributes.FamilyIPv6)
            .AddAddressFamily(StunAttributeType.AdditionalAddressFamily, TurnAttributes.FamilyIPv4)
            .AddEvenPort(reserveNext: true)
            .AddFlag(StunAttributeType.DontFragment)
            .AddLifetime(TimeSpan.FromMinutes(10))
            .AddString(StunAttributeType.Username, "user")
            .AddMessageIntegrity(key)
            .AddFingerprint()
            .ToArray());

        Assert.Equal(StunMethod.Allocate, m.Method);
        Assert.True(m.TryGetRequestedTransport(out var protocol) && protocol == 17);
        Assert.True(m.TryGetAddressFamily(StunAttributeType.RequestedAddressFamily, out var family) && family == TurnAttributes.FamilyIPv6);
        Assert.True(m.TryGetAddressFamily(StunAttributeType.AdditionalAddressFamily, out family) && family == TurnAttributes.FamilyIPv4);
        Assert.True(m.TryGetEvenPort(out var reserve) && reserve);
        Assert.True(m.Has(StunAttributeType.DontFragment));
        Assert.True(m.TryGetLifetime(out var lifetime) && lifetime == TimeSpan.FromMinutes(10));
        Assert.True(m.VerifyMessageIntegrity(key));
        Assert.Empty(m.GetUnknownComprehensionRequired());
    }

    [Fact]
    public void AllocateSuccess_CarriesRelayedMappedLifetimeAndReservationToken()
    {
        var relayed = new IPEndPoint(IPAddress.Parse("2001:db8::7"), 50123);
        var mapped = new IPEndPoint(IPAddress.Parse("192.0.2.15"), 61000);
        var m = Parse(new StunMessageBuilder(StunMethod.Allocate, StunClass.SuccessResponse)
            .AddXorAddress(StunAttributeType.XorRelayedAddress, relayed)
            .AddXorAddress(StunAttributeType.XorMappedAddress, mapped)
            .AddLifetime(TimeSpan.FromSeconds(600))
            .AddReservationToken(0x0102030405060708)
            .ToArray());

        Assert.True(m.TryGetXorAddress(StunAttributeType.XorRelayedAddress, out var r) && r.Equals(relayed));
        Assert.True(m.TryGetXorAddress(StunAttributeType.XorMappedAddress, out var x) && x.Equals(mapped));
        Assert.True(m.TryGetReservationToken(out var token) && token == 0x0102030405060708);
    }

    [Fact]
    public void CreatePermission_MayCarrySeveralPeerAddresses()
    {
        var peers = new[] { new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0), new IPEndPoint(IPAddress.Parse("192.0.2.2"), 0) };
        var builder = new StunMessageBuilder(StunMethod.CreatePermission, StunClass.Request);
        foreach (var p in peers)
        {
            builder.AddXorAddress(StunAttributeType.XorPeerAddress, p);
        }

        Assert.Equal(peers, Parse(builder.ToArray()).GetXorAddresses(StunAttributeType.XorPeerAddress));
    }

    [Fact]
    public void ChannelBindAndDataIndication_RoundTrip()
    {
        var peer = new IPEndPoint(IPAddress.Parse("198.51.100.4"), 3333);
        var bind = Parse(new StunMessageBuilder(StunMethod.ChannelBind, StunClass.Request)
            .AddChannelNumber(0x4ABC).AddXorAddress(StunAttributeType.XorPeerAddress, peer).ToArray());
        Assert.True(bind.TryGetChannelNumber(out var channel) && channel == 0x4ABC);

        var data = Parse(new StunMessageBuilder(StunMethod.Data, StunClass.Indication)
            .AddXorAddress(StunAttributeType.XorPeerAddress, peer).Add(StunAttributeType.Data, [1, 2, 3, 4, 5]).ToArray());
        Assert.Equal(StunClass.Indication, data.Class);
        Assert.Equal(StunMethod.Data, data.Method);
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, data.GetValue(StunAttributeType.Data).ToArray());
    }

    [Fact]
    public void UnauthorizedChallenge_OffersPasswordAlgorithms_AndErrorCodes()
    {
        var m = Parse(new StunMessageBuilder(StunMethod.Allocate, StunClass.ErrorResponse)
            .AddErrorCode(StunErrorCodes.Unauthorized, "Unauthorized")
            .AddString(StunAttributeType.Realm, "conclave")
            .AddString(StunAttributeType.Nonce, "obMatJos2AAABadf")
            .AddPasswordAlgorithms([StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5])
            .AddAddressErrorCode(TurnAttributes.FamilyIPv6, StunErrorCodes.AddressFamilyNotSupported, "Address Family not Supported")
            .ToArray());

        Assert.True(m.TryGetErrorCode(out var code, out var reason));
        Assert.Equal((401, "Unauthorized"), (code, reason));
        Assert.Equal([StunPasswordAlgorithm.Sha256, StunPasswordAlgorithm.Md5], m.GetPasswordAlgorithms());
        var addressError = m.GetValue(StunAttributeType.AddressErrorCode);
        Assert.Equal(TurnAttributes.FamilyIPv6, addressError[0]);
        Assert.Equal(440, addressError[2] * 100 + addressError[3]);
    }

    [Fact]
    public void UnknownComprehensionRequiredAttribute_IsReportedFor420()
    {
        var m = Parse(new StunMessageBuilder(StunMethod.Allocate, StunClass.Request)
            .Add((StunAttributeType)0x0031, [1, 2, 3, 4])
            .Add((StunAttributeType)0x8031, [1, 2, 3, 4])
            .ToArray());
        Assert.Equal([(ushort)0x0031], m.GetUnknownComprehensionRequired());
        var answer = Parse(new StunMessageBuilder(StunMethod.Allocate, StunClass.ErrorResponse, m.TransactionId)
            .AddErrorCode(StunErrorCodes.UnknownAttribute, "Unknown Attribute")
            .AddUnknownAttributes(m.GetUnknownComprehensionRequired()).ToArray());
        Assert.Equal([(ushort)0x0031], answer.GetUnknownAttributes());
    }
}
