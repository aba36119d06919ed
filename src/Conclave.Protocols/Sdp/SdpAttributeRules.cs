using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Sdp;

/// <summary>
/// Grammar checks for the attributes WebRTC relies on. Unknown attributes pass untouched
/// (RFC 8866 §5.13: a receiver ignores attributes it does not understand).
/// </summary>
internal static class SdpAttributeRules
{
    /// <summary>Whether <paramref name="attribute"/> has a valid name and, when known, a valid value.</summary>
    public static bool IsValid(SdpAttribute attribute)
    {
        if (!SdpText.IsToken(attribute.Name))
        {
            return false;
        }

        string? value = attribute.Value;
        return attribute.Name switch
        {
            // Property attributes take no value.
            "rtcp-mux" or "rtcp-rsize" or "end-of-candidates" or "ice-lite" or "extmap-allow-mixed"
                or "sendrecv" or "sendonly" or "recvonly" or "inactive" => value is null,
            "mid" => value is not null && value.Length is > 0 and <= 255 && SdpText.IsToken(value),
            "group" => SdpGroup.TryParse(value, out _),
            "setup" => value is not null && DtlsSetupRoles.TryParse(value, out _),
            "fingerprint" => IsFingerprint(value),
            "ice-ufrag" => IsIceChars(value, 4, 256), // RFC 8839 §5.4
            "ice-pwd" => IsIceChars(value, 22, 256),
            "ice-options" => value is not null && value.Split(' ').All(t => SdpText.IsToken(t)),
            "candidate" => !string.IsNullOrEmpty(value),
            "rtpmap" => SdpRtpMap.TryParse(value, out _),
            "fmtp" => SdpFmtp.TryParse(value, out _),
            "rtcp-fb" => SdpRtcpFeedback.TryParse(value, out _),
            "extmap" => SdpExtMap.TryParse(value, out _),
            "msid" => SdpMsid.TryParse(value, out _),
            "ssrc" => SdpSsrc.TryParse(value, out _),
            "ssrc-group" => SdpSsrcGroup.TryParse(value, out _),
            _ => true,
        };
    }

    /// <summary>RFC 8122 §5: <c>hash-func SP fingerprint</c>, the fingerprint being colon-separated hex pairs.</summary>
    private static bool IsFingerprint(string? value)
    {
        int space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space <= 0 || !SdpText.IsToken(value.AsSpan(0, space)))
        {
            return false;
        }

        string[] pairs = value![(space + 1)..].Split(':');
        return pairs.All(p => p.Length == 2 && char.IsAsciiHexDigit(p[0]) && char.IsAsciiHexDigit(p[1]));
    }

    /// <summary>RFC 8839 §5.4: <c>ice-char = ALPHA / DIGIT / "+" / "/"</c>.</summary>
    private static bool IsIceChars(string? value, int min, int max) =>
        value is not null && value.Length >= min && value.Length <= max &&
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/');
}
