using System.Globalization;

namespace Conclave.Protocols.Sdp;

/// <summary><c>a=ssrc-group:&lt;semantics&gt; &lt;ssrc-id&gt; ...</c> (RFC 5576 §4.2), e.g. <c>FID 1855574903 3323833555</c> (RFC 4588 RTX).</summary>
public sealed record SdpSsrcGroup(string Semantics, IReadOnlyList<uint> Ssrcs)
{
    public static bool TryParse(string? value, out SdpSsrcGroup? group)
    {
        group = null;
        string[] parts = value?.Split(' ') ?? [];
        if (parts.Length < 2 || !SdpText.IsToken(parts[0]))
        {
            return false;
        }

        var ssrcs = new uint[parts.Length - 1];
        for (int i = 1; i < parts.Length; i++)
        {
            if (!SdpText.TryParseUInt32(parts[i], out ssrcs[i - 1]))
            {
                return false;
            }
        }

        group = new SdpSsrcGroup(parts[0], ssrcs);
        return true;
    }

    public override string ToString() =>
        Semantics + " " + string.Join(' ', Ssrcs.Select(s => s.ToString(CultureInfo.InvariantCulture)));
}
