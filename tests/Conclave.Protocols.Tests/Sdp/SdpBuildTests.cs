using Conclave.Protocols.Dtls;
using Conclave.Protocols.Sdp;
using CsCheck;

namespace Conclave.Protocols.Tests.Sdp;

public sealed class SdpBuildTests
{
    [Fact]
    public void Build_AnswerLikeJsep_ParsesBackToTheSameValues()
    {
        using var certificate = DtlsCertificate.Generate();
        var sdp = new SessionDescription(SdpOrigin.Create(4611686018427387904UL));
        sdp.Timings.Add(SdpTiming.Unbounded);
        sdp.Add("group", new SdpGroup(SdpGroup.Bundle, ["0"]).ToString()).Add("msid-semantic", " WMS");
        var audio = new SdpMediaDescription("audio", 9, SdpMediaDescription.WebRtcProtocol, ["111", "0"]);
        audio.Connections.Add(SdpConnection.Placeholder);
        audio.Add("ice-ufrag", "abcd").Add("ice-pwd", "abcdefghijklmnopqrstuv")
            .Add("fingerprint", certificate.Fingerprint.ToSdpValue())
            .Add("setup", DtlsSetupRoles.ToSdpValue(DtlsSetup.Active))
            .Add("mid", "0").Add("sendrecv").Add("rtcp-mux")
            .Add("rtpmap", new SdpRtpMap(111, "opus", 48000, "2").ToString())
            .Add("rtpmap", new SdpRtpMap(0, "PCMU", 8000).ToString())
            .Add("ssrc", new SdpSsrc(1234, "cname", "x").ToString());
        sdp.Media.Add(audio);

        string text = sdp.ToString();

        Assert.True(SessionDescription.TryParse(text, out SessionDescription? parsed, out SdpParseError error), error + "\n" + text);
        Assert.Equal(text, parsed!.ToString());
        Assert.Equal(certificate.Fingerprint, parsed.FingerprintOf(parsed.Media[0]));
        Assert.Equal(DtlsSetup.Active, parsed.SetupOf(parsed.Media[0]));
        Assert.Equal(["0"], parsed.BundleMids);
        Assert.Equal("4611686018427387904", parsed.Origin.SessionId);
        Assert.Equal(1234u, parsed.Media[0].Ssrcs[0].Ssrc);
    }

    [Fact]
    public void TypedAttributes_WriteWhatTheyParse()
    {
        var token = Gen.String[Gen.Char['a', 'z'], 1, 12];
        Gen.Select(Gen.Int[0, 127], token, Gen.UInt[1, 200000], Gen.Int[0, 3], Gen.UInt).Sample((pt, name, clock, channels, ssrc) =>
        {
            var rtpmap = new SdpRtpMap((byte)pt, name, clock, channels == 0 ? null : channels.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(SdpRtpMap.TryParse(rtpmap.ToString(), out SdpRtpMap? back));
            Assert.Equal(rtpmap, back);

            var ssrcLine = new SdpSsrc(ssrc, "cname", name);
            Assert.True(SdpSsrc.TryParse(ssrcLine.ToString(), out SdpSsrc? ssrcBack));
            Assert.Equal(ssrcLine, ssrcBack);

            var ext = new SdpExtMap((pt % 255) + 1, "urn:" + name, channels == 1 ? "sendonly" : null);
            Assert.True(SdpExtMap.TryParse(ext.ToString(), out SdpExtMap? extBack));
            Assert.Equal(ext, extBack);
        });
    }

    [Fact]
    public void Parse_RandomText_NeverThrows()
    {
        string seed = SdpTestData.Read("chromium-audio-offer.sdp");
        Gen.Select(Gen.Int[0, seed.Length - 1], Gen.Char, Gen.Int[0, seed.Length]).Sample((at, c, cut) =>
        {
            string mutated = (seed[..at] + c + seed[(at + 1)..])[..Math.Min(cut, seed.Length)];
            bool ok = SessionDescription.TryParse(mutated, out SessionDescription? sdp, out SdpParseError error);
            Assert.Equal(ok, error == SdpParseError.None);
            if (ok)
            {
                // Whatever parses must write back and parse again to the same text.
                Assert.True(SessionDescription.TryParse(sdp!.ToString(), out SessionDescription? again, out _));
                Assert.Equal(sdp.ToString(), again!.ToString());
            }
        });
    }
}
