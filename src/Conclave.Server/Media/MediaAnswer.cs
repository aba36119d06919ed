using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;

namespace Conclave.Server.Media;

/// <summary>
/// Writes the processor's answer to a device's offer (RFC 8829 §5.3): ICE-lite (RFC 8839 §5.3) with the
/// leg's host candidate inline and end-of-candidates (RFC 8840 §8.2), the leg's certificate fingerprint,
/// a=setup:passive (RFC 8842 §5.3), one BUNDLE transport with rtcp-mux, PCMU for audio and VP8 at the
/// offer's payload type for video; sections it cannot serve get port 0.
/// </summary>
internal static class MediaAnswer
{
    public static string Write(MediaOffer offer, string iceUfrag, string icePassword, DtlsFingerprint fingerprint, IceCandidate candidate)
    {
        var session = new SessionDescription(SdpOrigin.Create(BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8))));
        session.Timings.Add(SdpTiming.Unbounded);
        session.Add("ice-lite");
        var accepted = offer.Sections.Where(s => s.Use != MediaSectionUse.Rejected).Select(s => s.Mid).OfType<string>().ToList();
        if (accepted.Count > 0)
        {
            session.Add("group", "BUNDLE " + string.Join(' ', accepted));
        }

        session.Add("msid-semantic", " WMS conclave");
        var candidateLine = candidate.ToString()["candidate:".Length..];
        foreach (var section in offer.Sections)
        {
            session.Media.Add(section.Use == MediaSectionUse.Rejected
                ? Rejected(section)
                : Accepted(section, iceUfrag, icePassword, fingerprint, candidateLine));
        }

        return session.ToString();
    }

    private static SdpMediaDescription Rejected(MediaOfferSection section)
    {
        var source = section.Source;
        var media = new SdpMediaDescription(source.Media, 0, source.Protocol, source.Formats);
        media.Connections.Add(SdpConnection.Placeholder);
        if (section.Mid is { } mid)
        {
            media.Add("mid", mid);
        }

        return media;
    }

    private static SdpMediaDescription Accepted(MediaOfferSection section, string ufrag, string password, DtlsFingerprint fingerprint, string candidate)
    {
        var audio = section.Use == MediaSectionUse.Audio;
        var pt = audio ? "0" : section.Vp8PayloadType!.Value.ToString(CultureInfo.InvariantCulture);
        var media = new SdpMediaDescription(section.Source.Media, 9, section.Source.Protocol, [pt]);
        media.Connections.Add(SdpConnection.Placeholder);
        media.Add("rtcp", "9 IN IP4 0.0.0.0")
            .Add("ice-ufrag", ufrag)
            .Add("ice-pwd", password)
            .Add("fingerprint", fingerprint.ToSdpValue())
            .Add("setup", "passive");
        if (section.Mid is { } mid)
        {
            media.Add("mid", mid);
        }

        media.Add(AnswerDirection(section.Source.Direction));
        media.Add("msid", "conclave conclave-" + (section.Mid ?? section.Source.Media));
        media.Add("rtcp-mux");
        if (section.Source.RtcpReducedSize)
        {
            media.Add("rtcp-rsize");
        }

        media.Add("rtpmap", audio ? "0 PCMU/8000" : pt + " VP8/90000");
        foreach (var feedback in section.Feedback)
        {
            media.Add("rtcp-fb", feedback.ToString());
        }

        media.Add("candidate", candidate);
        media.Add("end-of-candidates");
        return media;
    }

    /// <summary>RFC 3264 §6.1: the answer mirrors the offered direction.</summary>
    private static string AnswerDirection(SdpDirection offered) => offered switch
    {
        SdpDirection.SendOnly => "recvonly",
        SdpDirection.RecvOnly => "sendonly",
        SdpDirection.Inactive => "inactive",
        _ => "sendrecv",
    };

    /// <summary>The leg's host candidate, with the announced address when the host sits behind a 1:1 NAT.</summary>
    public static IceCandidate Announce(IceCandidate candidate, IPAddress? announced) =>
        announced is null ? candidate : candidate with { Address = new IPEndPoint(announced, candidate.Address.Port) };
}
