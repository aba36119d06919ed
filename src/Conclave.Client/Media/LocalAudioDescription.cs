using System.Globalization;
using System.Text;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Media;

/// <summary>Writes the SDP of the media leg: one bundled audio section with PCMU (RFC 8866, RFC 8843, RFC 5761).</summary>
internal static class LocalAudioDescription
{
    public static string Write(
        ulong sessionId,
        string mid,
        string iceUfrag,
        string icePassword,
        DtlsFingerprint fingerprint,
        DtlsSetup setup,
        uint ssrc,
        string cname,
        IEnumerable<IceCandidate> candidates,
        bool endOfCandidates)
    {
        var sdp = new StringBuilder();
        void Line(string text) => sdp.Append(text).Append("\r\n");
        Line("v=0");
        Line(string.Create(CultureInfo.InvariantCulture, $"o=- {sessionId} 2 IN IP4 127.0.0.1"));
        Line("s=-");
        Line("t=0 0");
        Line("a=group:BUNDLE " + mid);
        Line("a=msid-semantic: WMS conclave");

        // RFC 8839 §4.2.2 / JSEP: port 9 and 0.0.0.0 when the real addresses travel in a=candidate.
        Line("m=audio 9 UDP/TLS/RTP/SAVPF " + MediaConstants.PcmuPayloadType.ToString(CultureInfo.InvariantCulture));
        Line("c=IN IP4 0.0.0.0");
        Line("a=rtcp:9 IN IP4 0.0.0.0");
        Line("a=ice-ufrag:" + iceUfrag);
        Line("a=ice-pwd:" + icePassword);
        Line("a=ice-options:trickle");
        Line("a=fingerprint:" + fingerprint.ToSdpValue());
        Line("a=setup:" + DtlsSetupRoles.ToSdpValue(setup));
        Line("a=mid:" + mid);
        Line("a=sendrecv");
        Line("a=msid:conclave conclave-audio");
        Line("a=rtcp-mux");
        Line("a=rtpmap:0 PCMU/8000");
        Line(string.Create(CultureInfo.InvariantCulture, $"a=ssrc:{ssrc} cname:{cname}"));
        foreach (IceCandidate candidate in candidates)
        {
            Line("a=" + candidate);
        }

        if (endOfCandidates)
        {
            Line("a=end-of-candidates");
        }

        return sdp.ToString();
    }
}
