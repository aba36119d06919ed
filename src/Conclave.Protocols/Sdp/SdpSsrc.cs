using System.Globalization;

namespace Conclave.Protocols.Sdp;

/// <summary><c>a=ssrc:&lt;ssrc-id&gt; &lt;attribute&gt;[:&lt;value&gt;]</c> (RFC 5576 §4.1), e.g. <c>3213181002 cname:aSOsayCvww7E7dCN</c>.</summary>
public sealed record SdpSsrc(uint Ssrc, string Attribute, string? Value = null)
{
    public static bool TryParse(string? value, out SdpSsrc? ssrc)
    {
        ssrc = null;
        int space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space <= 0 || !SdpText.TryParseUInt32(value.AsSpan(0, space), out uint id))
        {
            return false;
        }

        string attribute = value![(space + 1)..];
        int colon = attribute.IndexOf(':', StringComparison.Ordinal);
        string name = colon < 0 ? attribute : attribute[..colon];
        if (!SdpText.IsToken(name))
        {
            return false;
        }

        ssrc = new SdpSsrc(id, name, colon < 0 ? null : attribute[(colon + 1)..]);
        return true;
    }

    public override string ToString() =>
        Ssrc.ToString(CultureInfo.InvariantCulture) + " " + Attribute + (Value is null ? string.Empty : ":" + Value);
}
