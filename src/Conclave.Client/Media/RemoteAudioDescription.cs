using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Media;

/// <summary>
/// What the media leg needs from the peer's SDP (RFC 8866, JSEP subset of RFC 9429): the first
/// audio section's mid, whether PCMU is offered, ICE credentials and candidates (RFC 8839),
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
    bool EndOfCandidates)
{
    public static bool TryParse(string sdp, out RemoteAudioDescription? description, out MediaCallError error)
    {
        description = null;
        error = MediaCallError.InvalidRemoteDescription;
        if (string.IsNullOrEmpty(sdp) || sdp.Length > 64 * 1024)
        {
            return false;
        }

        var session = new Attributes();
        Attributes? audio = null;
        bool inAudio = false;
        bool audioSeen = false;
        IReadOnlyList<string> formats = [];
        foreach (string raw in sdp.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.Length < 2 || line[1] != '=')
            {
                continue;
            }

            if (line[0] == 'm')
            {
                // m=<media> <port> <proto> <fmt> ... (RFC 8866 §5.14); the first audio section is ours.
                string[] parts = line[2..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                inAudio = !audioSeen && parts.Length >= 4 && parts[0] == "audio" && parts[1] != "0";
                if (inAudio)
                {
                    audioSeen = true;
                    audio = new Attributes();
                    formats = parts[3..];
                }

                continue;
            }

            if (line[0] != 'a')
            {
                continue;
            }

            Attributes target = inAudio ? audio! : session;
            if (!inAudio && audioSeen)
            {
                continue;
            }

            string attribute = line[2..];
            int colon = attribute.IndexOf(':', StringComparison.Ordinal);
            string name = colon < 0 ? attribute : attribute[..colon];
            string value = colon < 0 ? string.Empty : attribute[(colon + 1)..].Trim();
            switch (name)
            {
                case "ice-ufrag": target.Ufrag = value; break;
                case "ice-pwd": target.Password = value; break;
                case "fingerprint": target.Fingerprint ??= value; break;
                case "setup": target.Setup = value; break;
                case "mid": target.Mid = value; break;
                case "end-of-candidates": target.EndOfCandidates = true; break;
                case "candidate":
                    if (IceCandidate.TryParse(attribute, out IceCandidate candidate))
                    {
                        target.Candidates.Add(candidate);
                    }

                    break;
            }
        }

        if (audio is null)
        {
            error = MediaCallError.NoAudio;
            return false;
        }

        string? ufrag = audio.Ufrag ?? session.Ufrag;
        string? password = audio.Password ?? session.Password;
        string? fingerprintText = audio.Fingerprint ?? session.Fingerprint;
        string? setupText = audio.Setup ?? session.Setup;
        if (ufrag is null || password is null || fingerprintText is null)
        {
            return false;
        }

        if (!DtlsFingerprint.TryParse(fingerprintText, out DtlsFingerprint? fingerprint) || fingerprint is null)
        {
            error = MediaCallError.UnsupportedFingerprint;
            return false;
        }

        // RFC 8842 §5.2: a missing a=setup in an offer means actpass... and in an answer active (RFC 4145 §4).
        DtlsSetup setup = DtlsSetup.ActPass;
        if (setupText is not null && !DtlsSetupRoles.TryParse(setupText, out setup))
        {
            return false;
        }

        description = new RemoteAudioDescription(
            audio.Mid ?? "0",
            formats.Contains("0"),
            ufrag,
            password,
            fingerprint,
            setup,
            [.. session.Candidates, .. audio.Candidates],
            audio.EndOfCandidates || session.EndOfCandidates);
        error = MediaCallError.None;
        return true;
    }

    private sealed class Attributes
    {
        public string? Ufrag { get; set; }

        public string? Password { get; set; }

        public string? Fingerprint { get; set; }

        public string? Setup { get; set; }

        public string? Mid { get; set; }

        public bool EndOfCandidates { get; set; }

        public List<IceCandidate> Candidates { get; } = [];
    }
}
