using System.Globalization;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Sdp;

namespace Conclave.Server.Media;

/// <summary>What an offer's media section becomes in the processor's answer.</summary>
internal enum MediaSectionUse
{
    /// <summary>Not served: answered with port 0 (RFC 8829 §5.3.1).</summary>
    Rejected,

    /// <summary>Audio, answered with PCMU/8000 (RFC 3551 §6, static payload type 0).</summary>
    Audio,

    /// <summary>Video, answered with VP8/90000 at the payload type the offer gave it (RFC 7741).</summary>
    Video,
}

/// <summary>One offered media section and how the processor answers it.</summary>
internal sealed record MediaOfferSection(SdpMediaDescription Source, MediaSectionUse Use, string? Mid, byte? Vp8PayloadType, IReadOnlyList<SdpRtcpFeedback> Feedback);

/// <summary>
/// A device's offer as the processor reads it (RFC 8829 JSEP subset): per section, audio with PCMU or
/// video with VP8 inside the BUNDLE group and with rtcp-mux is served, anything else is rejected; the
/// DTLS fingerprint the device must present (RFC 8122 §5) and its setup role, which must let the
/// processor be passive (RFC 8842 §5.3).
/// </summary>
internal sealed class MediaOffer
{
    /// <summary>RTCP feedback kept for VP8 when offered: NACK and PLI (RFC 4585 §6.2, §6.3.1) and FIR (RFC 5104 §4.3.1).</summary>
    private static readonly (string Type, string? Parameters)[] KeptFeedback = [("nack", null), ("nack", "pli"), ("ccm", "fir")];

    private MediaOffer(IReadOnlyList<MediaOfferSection> sections, DtlsFingerprint fingerprint)
    {
        Sections = sections;
        Fingerprint = fingerprint;
    }

    public IReadOnlyList<MediaOfferSection> Sections { get; }

    /// <summary>SHA-256 fingerprint of the certificate the device must present in DTLS.</summary>
    public DtlsFingerprint Fingerprint { get; }

    /// <summary>VP8 payload type the device uses, if a video section is served.</summary>
    public byte? Vp8PayloadType => Sections.FirstOrDefault(s => s.Use == MediaSectionUse.Video)?.Vp8PayloadType;

    /// <summary>Whether an audio section is served (PCMU, payload type 0).</summary>
    public bool HasAudio => Sections.Any(s => s.Use == MediaSectionUse.Audio);

    /// <summary>Reads an offer; never throws on device input. <paramref name="problem"/> says why it is unusable.</summary>
    public static bool TryParse(string? sdp, out MediaOffer? offer, out string problem)
    {
        offer = null;
        if (!SessionDescription.TryParse(sdp, out var session, out var error) || session is null)
        {
            problem = $"The offer is not valid SDP ({error}).";
            return false;
        }

        var bundle = session.BundleMids;
        var sections = new List<MediaOfferSection>();
        SdpMediaDescription? first = null;
        foreach (var media in session.Media)
        {
            var use = UseOf(media, bundle, first is null);
            byte? vp8 = null;
            IReadOnlyList<SdpRtcpFeedback> feedback = [];
            if (use == MediaSectionUse.Video)
            {
                vp8 = media.RtpMaps.First(IsVp8).PayloadType;
                var pt = vp8.Value.ToString(CultureInfo.InvariantCulture);
                feedback = [.. media.RtcpFeedback.Where(f => (f.PayloadType == pt || f.PayloadType == "*") && KeptFeedback.Contains((f.Type, f.Parameters)))
                    .Select(f => f with { PayloadType = pt }).Distinct()];
            }

            if (use != MediaSectionUse.Rejected)
            {
                first ??= media;
            }

            sections.Add(new MediaOfferSection(media, use, media.Mid, vp8, feedback));
        }

        if (first is null)
        {
            problem = "The offer has no audio section with PCMU nor video section with VP8 (with rtcp-mux, in the BUNDLE group) that the media processor can serve.";
            return false;
        }

        if (session.FingerprintOf(first) is not { } fingerprint)
        {
            problem = "The offer has no SHA-256 a=fingerprint.";
            return false;
        }

        if (session.IceUfragOf(first) is null || session.IcePwdOf(first) is null)
        {
            problem = "The offer has no ICE credentials.";
            return false;
        }

        // RFC 8842 §5.3: the processor is always the DTLS server, so the device must be able to be the client.
        if ((session.SetupOf(first) ?? DtlsSetup.ActPass) is not (DtlsSetup.ActPass or DtlsSetup.Active))
        {
            problem = "The offer's a=setup must be actpass or active: the media processor is the DTLS server.";
            return false;
        }

        offer = new MediaOffer(sections, fingerprint);
        problem = "";
        return true;
    }

    private static MediaSectionUse UseOf(SdpMediaDescription media, IReadOnlyList<string> bundle, bool isFirst)
    {
        // One transport per leg: sections outside the BUNDLE group (RFC 9143 §7.3), or after the first
        // when there is no group, would need a transport of their own.
        var bundled = bundle.Count == 0 ? isFirst : media.Mid is { } mid && bundle.Contains(mid);
        if (media.Port == 0 || !bundled || !media.RtcpMux || !media.Protocol.Contains("SAVPF", StringComparison.Ordinal))
        {
            return MediaSectionUse.Rejected;
        }

        return media.Media switch
        {
            "audio" when media.Formats.Contains("0") => MediaSectionUse.Audio,
            "video" when media.RtpMaps.Any(IsVp8) && media.Formats.Contains(media.RtpMaps.First(IsVp8).PayloadType.ToString(CultureInfo.InvariantCulture)) => MediaSectionUse.Video,
            _ => MediaSectionUse.Rejected,
        };
    }

    private static bool IsVp8(SdpRtpMap map) =>
        string.Equals(map.EncodingName, "VP8", StringComparison.OrdinalIgnoreCase) && map.ClockRate == 90000;
}
