using System.Text;
using System.Text.RegularExpressions;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Sdp;

namespace Conclave.Protocols.Tests.Sdp;

/// <summary>Real offers and answers captured from Chromium 156 (testdata/capture/capture-sdp.mjs).</summary>
public sealed partial class ChromiumSdpRoundTripTests
{
    [Theory]
    [InlineData("chromium-offer.sdp")]
    [InlineData("chromium-answer.sdp")]
    [InlineData("chromium-audio-offer.sdp")]
    public void Parse_ThenWrite_IsByteForByteTheCapture(string file)
    {
        string captured = SdpTestData.Read(file);

        Assert.True(SessionDescription.TryParse(captured, out SessionDescription? sdp, out SdpParseError error), error.ToString());

        Assert.Equal(captured, sdp!.ToString());
        Assert.True(SessionDescription.TryParse(Encoding.UTF8.GetBytes(captured), out SessionDescription? fromBytes, out _));
        Assert.Equal(captured, fromBytes!.ToString());
    }

    [Theory]
    [InlineData("chromium-offer.sdp", DtlsSetup.ActPass, 2)]
    [InlineData("chromium-answer.sdp", DtlsSetup.Active, 2)]
    [InlineData("chromium-audio-offer.sdp", DtlsSetup.ActPass, 1)]
    public void Parse_ReadsTransportParametersOfEverySection(string file, DtlsSetup setup, int sections)
    {
        string captured = SdpTestData.Read(file);
        Assert.True(SessionDescription.TryParse(captured, out SessionDescription? sdp, out _));

        Assert.Equal(sections, sdp!.Media.Count);
        string fingerprintText = FingerprintLine().Match(captured).Groups[1].Value;
        string ufrag = UfragLine().Match(captured).Groups[1].Value;
        string pwd = PwdLine().Match(captured).Groups[1].Value;
        Assert.Equal(sdp.Media.Select(m => m.Mid!), sdp.BundleMids);
        foreach (SdpMediaDescription media in sdp.Media)
        {
            Assert.Equal(fingerprintText, sdp.FingerprintOf(media)!.ToColonHex());
            Assert.Equal(setup, sdp.SetupOf(media));
            Assert.Equal(ufrag, sdp.IceUfragOf(media));
            Assert.Equal(pwd, sdp.IcePwdOf(media));
            Assert.True(media.RtcpMux);
            Assert.True(media.RtcpReducedSize);
            Assert.Equal(SdpDirection.SendRecv, media.Direction);
            Assert.Equal(SdpMediaDescription.WebRtcProtocol, media.Protocol);
            Assert.NotNull(media.Msid);
            Assert.Contains("trickle", media.IceOptions);
        }
    }

    [Fact]
    public void Parse_Offer_ReadsCodecsFeedbackExtensionsAndSsrcs()
    {
        string captured = SdpTestData.Read("chromium-offer.sdp");
        Assert.True(SessionDescription.TryParse(captured, out SessionDescription? sdp, out _));
        SdpMediaDescription audio = sdp!.Media[0];
        SdpMediaDescription video = sdp.Media[1];

        Assert.Equal("audio", audio.Media);
        SdpRtpMap opus = Assert.Single(audio.RtpMaps, r => r.EncodingName == "opus");
        Assert.Equal((byte)111, opus.PayloadType);
        Assert.Equal(48000u, opus.ClockRate);
        Assert.Equal("2", opus.EncodingParameters);
        Assert.Equal("1", audio.Fmtps.Single(f => f.Format == "111").ParameterPairs()["useinbandfec"]);
        Assert.Contains(audio.RtpMaps, r => r.EncodingName == "PCMU" && r.PayloadType == 0 && r.ClockRate == 8000);
        Assert.Equal(audio.Formats, audio.RtpMaps.Select(r => r.PayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(audio.ExtMaps, e => e.Uri == "urn:ietf:params:rtp-hdrext:sdes:mid");
        Assert.NotEmpty(audio.Candidates);
        Assert.All(audio.Candidates, c => Assert.Contains(" typ ", c, StringComparison.Ordinal));
        Assert.Equal(CountLines(captured, "a=candidate:"), sdp.Media.Sum(m => m.Candidates.Count));

        Assert.Equal("video", video.Media);
        Assert.Contains(video.RtcpFeedback, f => f.PayloadType == "96" && f.Type == "nack" && f.Parameters == "pli");
        SdpSsrcGroup fid = Assert.Single(video.SsrcGroups);
        Assert.Equal("FID", fid.Semantics);
        Assert.Equal(2, fid.Ssrcs.Count);
        Assert.All(fid.Ssrcs, s => Assert.Contains(video.Ssrcs, x => x.Ssrc == s && x.Attribute == "cname"));
        Assert.Equal(CountLines(captured, "a=rtcp-fb:"), sdp.Media.Sum(m => m.RtcpFeedback.Count));
        Assert.Equal(CountLines(captured, "a=rtpmap:"), sdp.Media.Sum(m => m.RtpMaps.Count));
        Assert.Equal(CountLines(captured, "a=extmap:"), sdp.Media.Sum(m => m.ExtMaps.Count));
        Assert.Equal(CountLines(captured, "a=ssrc:"), sdp.Media.Sum(m => m.Ssrcs.Count));
    }

    [Fact]
    public void Parse_EveryPrefixOfACapture_NeverThrows()
    {
        string captured = SdpTestData.Read("chromium-offer.sdp");
        for (int length = 0; length <= captured.Length; length += 7)
        {
            bool ok = SessionDescription.TryParse(captured[..length], out SessionDescription? sdp, out SdpParseError error);
            Assert.Equal(ok, error == SdpParseError.None);
            Assert.Equal(ok, sdp is not null);
        }
    }

    private static int CountLines(string sdp, string prefix) =>
        sdp.Split("\r\n").Count(l => l.StartsWith(prefix, StringComparison.Ordinal));

    [GeneratedRegex("a=fingerprint:sha-256 ([0-9A-F:]+)")]
    private static partial Regex FingerprintLine();

    [GeneratedRegex("a=ice-ufrag:(\\S+)")]
    private static partial Regex UfragLine();

    [GeneratedRegex("a=ice-pwd:(\\S+)")]
    private static partial Regex PwdLine();
}
