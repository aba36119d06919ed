using Conclave.Client.Media;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Tests.Media;

public sealed class AudioDescriptionTests
{
    /// <summary>An audio-only offer captured from Chromium 156 (tests/Conclave.Protocols.Tests/testdata).</summary>
    private const string ChromiumAudioOffer = """
        v=0
        o=- 921873491346983366 2 IN IP4 127.0.0.1
        s=-
        t=0 0
        a=group:BUNDLE 0
        a=extmap-allow-mixed
        a=msid-semantic: WMS 9d3e435b-42bb-48e0-800e-da383a33e2c0
        m=audio 58890 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126
        c=IN IP4 192.0.2.2
        a=rtcp:9 IN IP4 0.0.0.0
        a=candidate:150554633 1 udp 2122194687 192.0.2.2 58890 typ host generation 0 network-id 1
        a=candidate:3282012649 1 udp 2122265343 fd00::2 52001 typ host generation 0 network-id 2
        a=candidate:4132674717 1 tcp 1518214911 192.0.2.2 9 typ host tcptype active generation 0 network-id 1
        a=ice-ufrag:kkSq
        a=ice-pwd:sorVOOLR6cZ9eRx7fkjGySbn
        a=ice-options:trickle
        a=fingerprint:sha-256 C0:16:A0:F6:B8:BE:D8:6D:AD:61:46:42:B1:AC:90:31:6C:D2:17:0D:E9:A5:DF:4C:B7:3D:6E:FB:09:3A:61:A9
        a=setup:actpass
        a=mid:0
        a=sendrecv
        a=rtcp-mux
        a=rtpmap:111 opus/48000/2
        a=rtpmap:0 PCMU/8000
        a=rtpmap:8 PCMA/8000
        a=ssrc:1483026632 cname:C1YrqBrTMybYB4Ff

        """;

    [Fact]
    public void TryParse_ChromiumAudioOffer_ReadsIceDtlsAndCodec()
    {
        string sdp = ChromiumAudioOffer.ReplaceLineEndings("\r\n");
        Assert.True(RemoteAudioDescription.TryParse(sdp, out RemoteAudioDescription? remote, out MediaCallError error), error.ToString());

        Assert.Equal("0", remote!.Mid);
        Assert.True(remote.OffersPcmu);
        Assert.Equal("kkSq", remote.IceUfrag);
        Assert.Equal("sorVOOLR6cZ9eRx7fkjGySbn", remote.IcePassword);
        Assert.Equal(DtlsSetup.ActPass, remote.Setup);
        Assert.Equal(
            "C0:16:A0:F6:B8:BE:D8:6D:AD:61:46:42:B1:AC:90:31:6C:D2:17:0D:E9:A5:DF:4C:B7:3D:6E:FB:09:3A:61:A9",
            remote.Fingerprint.ToColonHex());
        Assert.Equal(3, remote.Candidates.Count);
        Assert.Equal(2, remote.Candidates.Count(c => c.Transport == "udp"));
        Assert.False(remote.EndOfCandidates);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Answer_ToAnAudioAndVideoOffer_MirrorsEverySection_AndRejectsVideoWithPortZero(bool videoFirst)
    {
        // The offer a call page makes with camera on: Chromium refuses an answer whose m= lines do not
        // match its offer's, one for one and in order (RFC 9429 §5.3.1).
        const string Video = "m=video 9 UDP/TLS/RTP/SAVPF 96 97\r\nc=IN IP4 0.0.0.0\r\na=mid:v\r\na=sendrecv\r\na=rtcp-mux\r\na=rtpmap:96 VP8/90000\r\n";
        string audioOffer = ChromiumAudioOffer.ReplaceLineEndings("\r\n");
        int audioAt = audioOffer.IndexOf("m=audio", StringComparison.Ordinal);
        string offer = videoFirst
            ? audioOffer[..audioAt] + Video + audioOffer[audioAt..]
            : audioOffer + Video;
        Assert.True(RemoteAudioDescription.TryParse(offer, out RemoteAudioDescription? remote, out MediaCallError error), error.ToString());

        using var certificate = DtlsCertificate.Generate();
        string answer = LocalAudioDescription.Write(
            7, remote!.Mid, "ufrag", "passwordOf24Characters00", certificate.Fingerprint, DtlsSetup.Active, 1, "cname", [], true, offered: remote.Sections);

        Assert.True(Conclave.Protocols.Sdp.SessionDescription.TryParse(answer, out var parsed, out _));
        Assert.Equal(videoFirst ? ["video", "audio"] : ["audio", "video"], parsed!.Media.Select(m => m.Media));
        var video = parsed.Media.Single(m => m.Media == "video");
        Assert.Equal(0, video.Port);
        Assert.Equal("v", video.Mid);
        Assert.Equal(["96"], video.Formats);
        var audio = parsed.Media.Single(m => m.Media == "audio");
        Assert.Equal("0", audio.Mid);
        Assert.NotEqual(0, audio.Port);
        Assert.Contains("a=group:BUNDLE 0\r\n", answer, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenParse_RoundTripsEveryField()
    {
        using var certificate = DtlsCertificate.Generate();
        var candidate = new IceCandidate("1", 1, "udp", 2130706431, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 40000), IceCandidateType.Host);
        string sdp = LocalAudioDescription.Write(42, "audio0", "ufrag", "passwordOf24Characters00", certificate.Fingerprint, DtlsSetup.Passive, 1234, "cname", [candidate], true);

        Assert.Contains("m=audio 9 UDP/TLS/RTP/SAVPF 0\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("a=group:BUNDLE audio0\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("a=rtcp-mux\r\n", sdp, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:0 PCMU/8000\r\n", sdp, StringComparison.Ordinal);
        Assert.True(RemoteAudioDescription.TryParse(sdp, out RemoteAudioDescription? parsed, out _));
        Assert.Equal("audio0", parsed!.Mid);
        Assert.True(parsed.OffersPcmu);
        Assert.Equal("ufrag", parsed.IceUfrag);
        Assert.Equal("passwordOf24Characters00", parsed.IcePassword);
        Assert.Equal(certificate.Fingerprint, parsed.Fingerprint);
        Assert.Equal(DtlsSetup.Passive, parsed.Setup);
        Assert.Equal(candidate.Address, Assert.Single(parsed.Candidates).Address);
        Assert.True(parsed.EndOfCandidates);
    }

    [Theory]
    [InlineData("a=fingerprint:sha-256 C0:16", "a=fingerprint:sha-1 C0:16:A0:F6:B8:BE:D8:6D:AD:61:46:42:B1:AC:90:31:6C:D2:17:0D", MediaCallError.UnsupportedFingerprint)]
    [InlineData("a=ice-pwd:", "a=x-ice-pwd:", MediaCallError.InvalidRemoteDescription)]
    [InlineData("m=audio 58890", "m=video 58890", MediaCallError.NoAudio)]
    [InlineData("m=audio 58890", "m=audio 0", MediaCallError.NoAudio)]
    public void TryParse_BrokenOffer_FailsWithTypedError(string find, string replace, MediaCallError expected)
    {
        string sdp = ChromiumAudioOffer.ReplaceLineEndings("\r\n");
        int at = sdp.IndexOf(find, StringComparison.Ordinal);
        Assert.True(at >= 0);
        int end = sdp.IndexOf("\r\n", at, StringComparison.Ordinal);
        string line = sdp[at..end];
        string broken = sdp.Replace(line, replace + (find.StartsWith("a=fingerprint", StringComparison.Ordinal) ? string.Empty : line[find.Length..]), StringComparison.Ordinal);

        Assert.False(RemoteAudioDescription.TryParse(broken, out _, out MediaCallError error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("v=0\r\nm=audio")]
    public void TryParse_NotSdp_IsRejectedWithoutThrowing(string text)
    {
        Assert.False(RemoteAudioDescription.TryParse(text, out _, out MediaCallError error));
        Assert.NotEqual(MediaCallError.None, error);
    }
}
