using Conclave.Client.Media;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Tests.Media;

/// <summary>a=ice-pacing (RFC 8839 §5.5): the Ta each side proposes, written by us and read from the peer.</summary>
public sealed class IcePacingDescriptionTests
{
    [Fact]
    public void Write_WithPacing_PutsItAtSessionLevel_AndParseReadsItBack()
    {
        string sdp = Describe(TimeSpan.FromMilliseconds(10));

        Assert.Contains("a=ice-pacing:10\r\n", sdp[..sdp.IndexOf("m=audio", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.True(RemoteAudioDescription.TryParse(sdp, out RemoteAudioDescription? parsed, out _));
        Assert.Equal(TimeSpan.FromMilliseconds(10), parsed!.IcePacing);
    }

    [Fact]
    public void Parse_WithoutPacing_GivesNull_SoTheDefaultApplies()
    {
        Assert.True(RemoteAudioDescription.TryParse(Describe(null), out RemoteAudioDescription? parsed, out _));
        Assert.Null(parsed!.IcePacing);
    }

    [Theory]
    [InlineData("2", 5)]
    [InlineData("0", null)]
    [InlineData("-20", null)]
    [InlineData("ten", null)]
    [InlineData("99999999999999999999", null)]
    [InlineData("200", 200)]
    public void Parse_PacingValue_BelowTheRfcFloorIsRaised_AndAnythingUnreadableIgnored(string value, int? expectedMs)
    {
        string sdp = Describe(TimeSpan.FromMilliseconds(10)).Replace("a=ice-pacing:10", "a=ice-pacing:" + value, StringComparison.Ordinal);

        Assert.True(RemoteAudioDescription.TryParse(sdp, out RemoteAudioDescription? parsed, out _));
        Assert.Equal(expectedMs is int ms ? TimeSpan.FromMilliseconds(ms) : null, parsed!.IcePacing);
    }

    private static string Describe(TimeSpan? pacing)
    {
        using var certificate = DtlsCertificate.Generate();
        var candidate = new IceCandidate("1", 1, "udp", 2130706431, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40000), IceCandidateType.Host);
        return LocalAudioDescription.Write(7, "0", "ufrag", "passwordOf24Characters00", certificate.Fingerprint, DtlsSetup.ActPass, 1, "cname", [candidate], true, pacing);
    }
}
