namespace Conclave.Protocols.Sdp;

/// <summary><c>a=rtcp-fb:&lt;pt or *&gt; &lt;type&gt;[ &lt;parameters&gt;]</c> (RFC 4585 §4.2), e.g. <c>96 nack pli</c>.</summary>
public sealed record SdpRtcpFeedback(string PayloadType, string Type, string? Parameters = null)
{
    public static bool TryParse(string? value, out SdpRtcpFeedback? feedback)
    {
        feedback = null;
        string[] parts = value?.Split(' ', 3) ?? [];
        if (parts.Length < 2 || !(parts[0] == "*" || SdpText.TryParsePayloadType(parts[0], out _)) || !SdpText.IsToken(parts[1]))
        {
            return false;
        }

        feedback = new SdpRtcpFeedback(parts[0], parts[1], parts.Length == 3 ? parts[2] : null);
        return true;
    }

    public override string ToString() => PayloadType + " " + Type + (Parameters is null ? string.Empty : " " + Parameters);
}
