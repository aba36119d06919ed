using System.Globalization;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;

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
        bool endOfCandidates,
        TimeSpan? icePacing = null)
    {
        var session = new SessionDescription(SdpOrigin.Create(sessionId));
        session.Timings.Add(SdpTiming.Unbounded);
        session.Add("group", "BUNDLE " + mid);
        session.Add("msid-semantic", " WMS conclave");
        if (icePacing is { } pacing)
        {
            // RFC 8839 §5.5: the Ta we propose, in milliseconds; both sides use the larger proposal (RFC 8445 §14.2).
            session.Add("ice-pacing", ((long)pacing.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        }

        // RFC 8839 §4.2.2 / JSEP: port 9 and 0.0.0.0 while the real addresses travel in a=candidate.
        string pcmu = MediaConstants.PcmuPayloadType.ToString(CultureInfo.InvariantCulture);
        var audio = new SdpMediaDescription("audio", 9, SdpMediaDescription.WebRtcProtocol, [pcmu]);
        audio.Connections.Add(SdpConnection.Placeholder);
        audio.Add("rtcp", "9 IN IP4 0.0.0.0")
            .Add("ice-ufrag", iceUfrag)
            .Add("ice-pwd", icePassword)
            .Add("ice-options", "trickle")
            .Add("fingerprint", fingerprint.ToSdpValue())
            .Add("setup", DtlsSetupRoles.ToSdpValue(setup))
            .Add("mid", mid)
            .Add("sendrecv")
            .Add("msid", "conclave conclave-audio")
            .Add("rtcp-mux")
            .Add("rtpmap", pcmu + " PCMU/8000")
            .Add("ssrc", string.Create(CultureInfo.InvariantCulture, $"{ssrc} cname:{cname}"));
        foreach (IceCandidate candidate in candidates)
        {
            audio.Add("candidate", candidate.ToString()["candidate:".Length..]);
        }

        if (endOfCandidates)
        {
            audio.Add("end-of-candidates");
        }

        session.Media.Add(audio);
        return session.ToString();
    }
}
