using Conclave.Protocols.Sdp;

namespace Conclave.Protocols.Tests.Sdp;

/// <summary>RFC 8866 §5 and §9 grammar violations give a typed error and the line number.</summary>
public sealed class SdpParseErrorTests
{
    private const string Head = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n";

    [Theory]
    [InlineData("", SdpParseError.Empty, 0)]
    [InlineData("v=1\r\n", SdpParseError.InvalidVersion, 1)]
    [InlineData("o=- 1 2 IN IP4 127.0.0.1\r\n", SdpParseError.InvalidVersion, 1)]
    [InlineData("v=0\r\no=- x 2 IN IP4 127.0.0.1\r\n", SdpParseError.InvalidOrigin, 2)]
    [InlineData("v=0\r\no=- 1 2 IN IP4\r\n", SdpParseError.InvalidOrigin, 2)]
    [InlineData("v=0\r\ns=-\r\n", SdpParseError.InvalidOrigin, 2)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\nt=0 0\r\n", SdpParseError.MissingSessionName, 3)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\n", SdpParseError.InvalidTiming, 0)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0\r\n", SdpParseError.InvalidTiming, 4)]
    [InlineData(Head + "x=1\r\n", SdpParseError.UnknownLineType, 5)]
    [InlineData(Head + "garbage\r\n", SdpParseError.InvalidLine, 5)]
    [InlineData(Head + "\r\na=x\r\n", SdpParseError.InvalidLine, 5)]
    [InlineData(Head + "a=x\0y\r\n", SdpParseError.InvalidLine, 5)]
    [InlineData(Head + "a=x\ry\r\n", SdpParseError.InvalidLine, 5)]
    [InlineData(Head + "s=again\r\n", SdpParseError.UnexpectedLine, 5)]
    [InlineData(Head + "a=ice-lite\r\nc=IN IP4 0.0.0.0\r\n", SdpParseError.UnexpectedLine, 6)]
    [InlineData("v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4\r\nt=0 0\r\n", SdpParseError.InvalidConnection, 4)]
    [InlineData(Head + "a=x\r\nm=audio 9 RTP/AVP 0\r\nc=IN\r\n", SdpParseError.InvalidConnection, 7)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\nb=AS:x\r\n", SdpParseError.InvalidBandwidth, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=x\r\nc=IN IP4 0.0.0.0\r\n", SdpParseError.UnexpectedLine, 7)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\nt=0 0\r\n", SdpParseError.UnexpectedLine, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP\r\n", SdpParseError.InvalidMedia, 5)]
    [InlineData(Head + "m=audio 70000 RTP/AVP 0\r\n", SdpParseError.InvalidMedia, 5)]
    [InlineData(Head + "m=audio 09 RTP/AVP 0\r\n", SdpParseError.InvalidMedia, 5)]
    [InlineData(Head + "m=audio 9/0 RTP/AVP 0\r\n", SdpParseError.InvalidMedia, 5)]
    [InlineData(Head + "a=bad name\r\n", SdpParseError.InvalidAttribute, 5)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:128 PCMU/8000\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtcp-mux:1\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=setup:sometimes\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=fingerprint:sha-256 AB:C\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=ice-ufrag:ab\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=ice-pwd:short\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=ssrc:4294967296 cname:x\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=ssrc-group:FID 1 x\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=extmap:0 urn:x\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=extmap:1/sideways urn:x\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=rtcp-fb:x nack\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=mid:\r\n", SdpParseError.InvalidAttribute, 6)]
    [InlineData(Head + "m=audio 9 RTP/AVP 0\r\na=candidate:\r\n", SdpParseError.InvalidAttribute, 6)]
    public void TryParse_Malformed_GivesTypedErrorAndLine(string text, SdpParseError expected, int line)
    {
        Assert.False(SessionDescription.TryParse(text, out SessionDescription? sdp, out SdpParseError error, out int errorLine));
        Assert.Null(sdp);
        Assert.Equal(expected, error);
        Assert.Equal(line, errorLine);
    }

    [Fact]
    public void TryParse_TooLarge_IsRejected()
    {
        string huge = Head + string.Concat(Enumerable.Repeat("a=x-filler:0123456789012345678901234567890123456789\r\n", 6000));

        Assert.False(SessionDescription.TryParse(huge, out _, out SdpParseError error));
        Assert.Equal(SdpParseError.TooLarge, error);
        Assert.False(SessionDescription.TryParse(new byte[SessionDescription.MaxLength + 1], out _, out error));
        Assert.Equal(SdpParseError.TooLarge, error);
    }

    [Fact]
    public void TryParse_BareLineFeeds_AreAcceptedAndWrittenWithCrLf()
    {
        string lf = Head.Replace("\r\n", "\n", StringComparison.Ordinal) + "m=audio 9 RTP/AVP 0\na=unknown-thing:keep me\n";

        Assert.True(SessionDescription.TryParse(lf, out SessionDescription? sdp, out _));
        Assert.Equal(lf.Replace("\n", "\r\n", StringComparison.Ordinal), sdp!.ToString());
    }

    [Fact]
    public void TryParse_UnknownAttributesAndAllLineTypes_RoundTripInOrder()
    {
        string text = "v=0\r\no=jdoe 3724394400 3724394405 IN IP4 198.51.100.1\r\ns=Call\r\ni=A call\r\nu=https://example.org\r\n" +
            "e=j@example.org\r\np=+1 617 555-6011\r\nc=IN IP4 0.0.0.0\r\nb=AS:256\r\nt=0 0\r\nr=7d 1h 0 25h\r\nz=0 0\r\nk=prompt\r\n" +
            "a=zeta\r\na=ice-lite\r\na=alpha:1 2 3\r\na=empty:\r\nm=audio 49170/2 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 0.0.0.0\r\n" +
            "c=IN IP6 ::\r\nb=TIAS:64000\r\nk=prompt\r\na=x-custom\r\na=recvonly\r\na=mid:a1\r\n" +
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n";

        Assert.True(SessionDescription.TryParse(text, out SessionDescription? sdp, out SdpParseError error, out int line), $"{error} at {line}");

        Assert.Equal(text, sdp!.ToString());
        Assert.True(sdp.IceLite);
        Assert.Equal(2, sdp.Media[0].PortCount);
        Assert.Equal(SdpDirection.RecvOnly, sdp.Media[0].Direction);
        Assert.Equal("1 2 3", sdp.Attributes.Single(a => a.Name == "alpha").Value);
        Assert.Equal(string.Empty, sdp.Attributes.Single(a => a.Name == "empty").Value);
    }
}
