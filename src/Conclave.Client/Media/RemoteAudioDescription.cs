using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Sdp;

namespace Conclave.Client.Media;

/// <summary>
/// What the media leg needs from the peer's SDP (RFC 8866, JSEP subset of RFC 9429): the first
/// active audio section's mid, whether PCMU is offered, ICE credentials and candidates (RFC 8839),
/// fingerprint (RFC 8122) and setup role (RFC 8842). Media-level attributes win over session-level ones.
/// </summary>
internal sealed record RemoteAudioDescription(
    string Mid,
    bool OffersPcmu,
    string IceUfrag,
    string IcePassword,
    DtlsFingerprint Fingerprint,
    DtlsSetup Setup,
    IReadOnlyList<IceCandidate> Candidates,
    bool EndOfCandidates,
    bool IceLite,
    TimeSpan? IcePacing = null)
{
    /// <summary>RFC 8445 §14.2: checks never go out more often than once every 5 ms; a smaller proposal is read as that.</summary>
    private static readonly TimeSpan MinimumPacing = TimeSpan.FromMilliseconds(5);

    public static bool TryParse(string sdp, out RemoteAudioDescription? description, out MediaCallError error)
    {
        description = null;
        error = MediaCallError.InvalidRemoteDescription;
        if (!SessionDescription.TryParse(sdp, out SessionDescription? session, out _) || session is null)
        {
            return false;
        }

        SdpMediaDescription? audio = session.Media.FirstOrDefault(m => m.Media == "audio" && m.Port != 0);
        if (audio is null)
        {
            error = MediaCallError.NoAudio;
            return false;
        }

        string? ufrag = session.IceUfragOf(audio);
        string? password = session.IcePwdOf(audio);
        if (ufrag is null || password is null)
        {
            return false;
        }

        if (session.FingerprintOf(audio) is not DtlsFingerprint fingerprint)
        {
            // A fingerprint line that is present but not SHA-256 (RFC 8827 §6.5 makes SHA-256 the one all support).
            error = HasAttribute(audio.Attributes, "fingerprint") || HasAttribute(session.Attributes, "fingerprint")
                ? MediaCallError.UnsupportedFingerprint
                : MediaCallError.InvalidRemoteDescription;
            return false;
        }

        // RFC 4145 §4: a missing a=setup means active in an answer; JSEP offers always carry one, and
        // actpass is the tolerant reading of an offer without it.
        DtlsSetup setup = session.SetupOf(audio) ?? DtlsSetup.ActPass;
        var candidates = new List<IceCandidate>();
        foreach (string line in audio.Candidates.Concat(session.Attributes.Where(a => a.Name == "candidate" && a.Value is not null).Select(a => a.Value!)))
        {
            if (IceCandidate.TryParse(line, out IceCandidate candidate))
            {
                candidates.Add(candidate);
            }
        }

        // PCMU is static payload type 0 (RFC 3551 §6); an a=rtpmap for it is optional.
        string pcmu = MediaConstants.PcmuPayloadType.ToString(System.Globalization.CultureInfo.InvariantCulture);
        description = new RemoteAudioDescription(
            audio.Mid ?? "0",
            audio.Formats.Contains(pcmu),
            ufrag,
            password,
            fingerprint,
            setup,
            candidates,
            audio.EndOfCandidates || HasAttribute(session.Attributes, "end-of-candidates"),
            session.IceLite,
            PacingOf(audio.Attributes) ?? PacingOf(session.Attributes));
        error = MediaCallError.None;
        return true;
    }

    /// <summary>RFC 8839 §5.5: <c>a=ice-pacing:</c> a positive number of milliseconds; anything else is ignored.</summary>
    private static TimeSpan? PacingOf(List<SdpAttribute> attributes)
    {
        string? value = attributes.Where(a => string.Equals(a.Name, "ice-pacing", StringComparison.Ordinal)).Select(a => a.Value).FirstOrDefault();
        if (value is null || value.Length > 9 || !int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int ms) || ms <= 0)
        {
            return null;
        }

        TimeSpan pacing = TimeSpan.FromMilliseconds(ms);
        return pacing < MinimumPacing ? MinimumPacing : pacing;
    }

    private static bool HasAttribute(List<SdpAttribute> attributes, string name) =>
        attributes.Exists(a => string.Equals(a.Name, name, StringComparison.Ordinal));
}
