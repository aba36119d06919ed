using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;
using Conclave.Server.Media;

namespace Conclave.Server.Tests.Media;

/// <summary>The processor's answer to real offers (RFC 8829 §5.3 with the standard-call contract's codec rules).</summary>
public sealed class MediaAnswerTests
{
    private static readonly IceCandidate Host = new("1", 1, "udp", 2130706431, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40123), IceCandidateType.Host);

    [Fact]
    public void Answer_ToChromiumOffer_ServesPcmuAndVp8AtTheOfferedType_AndRejectsTheDataChannel()
    {
        var offer = ChromiumOffer().Replace("a=group:BUNDLE 0 1", "a=group:BUNDLE 0 1 2", StringComparison.Ordinal)
            + "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\na=mid:2\r\na=sctp-port:5000\r\n";
        using var certificate = DtlsCertificate.Generate();

        var answer = Answer(offer, certificate);

        Assert.True(answer.IceLite);
        Assert.Equal(["0", "1"], answer.BundleMids);
        var audio = answer.Media[0];
        Assert.Equal(("audio", 9, "0"), (audio.Media, audio.Port, audio.Mid));
        Assert.Equal(["0"], audio.Formats);
        Assert.Equal("PCMU", Assert.Single(audio.RtpMaps).EncodingName);
        Assert.Equal(DtlsSetup.Passive, audio.Setup);
        Assert.Equal(certificate.Fingerprint, audio.Fingerprint);
        Assert.True(audio.RtcpMux && audio.EndOfCandidates);
        Assert.Contains("127.0.0.1 40123 typ host", Assert.Single(audio.Candidates), StringComparison.Ordinal);

        var video = answer.Media[1];
        Assert.Equal(["96"], video.Formats);
        Assert.Equal(("VP8", 90000u), (video.RtpMaps[0].EncodingName, video.RtpMaps[0].ClockRate));
        Assert.Equal(["96 ccm fir", "96 nack", "96 nack pli"], video.RtcpFeedback.Select(f => f.ToString()).Order(StringComparer.Ordinal));

        var data = answer.Media[2];
        Assert.Equal((0, "2"), (data.Port, data.Mid));
    }

    [Fact]
    public void Answer_KeepsTheVp8PayloadTypeTheOfferUsed()
    {
        var offer = ChromiumOffer()
            .Replace(" 96 97 ", " 100 97 ", StringComparison.Ordinal)
            .Replace("a=rtpmap:96 VP8", "a=rtpmap:100 VP8", StringComparison.Ordinal)
            .Replace("a=rtpmap:100 VP9", "a=rtpmap:96 VP9", StringComparison.Ordinal)
            .Replace("a=rtcp-fb:96 ", "a=rtcp-fb:100 ", StringComparison.Ordinal);
        using var certificate = DtlsCertificate.Generate();

        var video = Answer(offer, certificate).Media[1];

        Assert.Equal(["100"], video.Formats);
        Assert.Equal(100, video.RtpMaps[0].PayloadType);
    }

    [Fact]
    public void Answer_SectionWithoutPcmu_IsRejectedWithPortZero()
    {
        var offer = ChromiumOffer().Replace("UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126", "UDP/TLS/RTP/SAVPF 111 63 9 8 13 110 126", StringComparison.Ordinal);
        using var certificate = DtlsCertificate.Generate();

        var answer = Answer(offer, certificate);

        Assert.Equal(0, answer.Media[0].Port);
        Assert.Equal(["1"], answer.BundleMids);
    }

    [Theory]
    [InlineData("a=setup:actpass", "a=setup:passive")]
    [InlineData("a=fingerprint:sha-256", "a=fingerprint:sha-1")]
    [InlineData("a=rtcp-mux\r\n", "")]
    public void Offer_TheProcessorCannotServe_IsRefusedWithAReason(string from, string to)
    {
        var offer = ChromiumOffer().Replace(from, to, StringComparison.Ordinal);

        Assert.False(MediaOffer.TryParse(offer, out _, out var problem));
        Assert.NotEmpty(problem);
    }

    private static SessionDescription Answer(string offerText, DtlsCertificate certificate)
    {
        Assert.True(MediaOffer.TryParse(offerText, out var offer, out var problem), problem);
        var text = MediaAnswer.Write(offer!, "ufrag", "passwordpasswordpassword", certificate.Fingerprint, Host);
        Assert.True(SessionDescription.TryParse(text, out var answer, out var error), error.ToString());
        return answer!;
    }

    private static string ChromiumOffer()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "Conclave.Protocols.Tests", "testdata", "chromium-offer.sdp");
            if (File.Exists(path))
            {
                return File.ReadAllText(path).ReplaceLineEndings("\r\n");
            }
        }

        throw new FileNotFoundException("chromium-offer.sdp not found above " + AppContext.BaseDirectory);
    }
}
