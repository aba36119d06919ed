using System.Globalization;

namespace Conclave.Protocols.Sdp;

/// <summary><c>a=rtpmap:&lt;payload type&gt; &lt;encoding name&gt;/&lt;clock rate&gt;[/&lt;encoding parameters&gt;]</c> (RFC 8866 §6.6).</summary>
public sealed record SdpRtpMap(byte PayloadType, string EncodingName, uint ClockRate, string? EncodingParameters = null)
{
    public static bool TryParse(string? value, out SdpRtpMap? rtpMap)
    {
        rtpMap = null;
        if (value is null)
        {
            return false;
        }

        int space = value.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || !SdpText.TryParsePayloadType(value.AsSpan(0, space), out byte pt))
        {
            return false;
        }

        string[] encoding = value[(space + 1)..].Split('/');
        if (encoding.Length is < 2 or > 3 || !SdpText.IsToken(encoding[0]) || !SdpText.TryParseUInt32(encoding[1], out uint clockRate))
        {
            return false;
        }

        if (encoding.Length == 3 && !SdpText.IsDigits(encoding[2]))
        {
            return false;
        }

        rtpMap = new SdpRtpMap(pt, encoding[0], clockRate, encoding.Length == 3 ? encoding[2] : null);
        return true;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{PayloadType} {EncodingName}/{ClockRate}") + (EncodingParameters is null ? string.Empty : "/" + EncodingParameters);
}
