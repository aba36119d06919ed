namespace Conclave.Protocols.Sdp;

/// <summary><c>a=group:&lt;semantics&gt; *(SP &lt;identification-tag&gt;)</c> (RFC 5888 §5), e.g. <c>BUNDLE 0 1</c> (RFC 9143).</summary>
public sealed record SdpGroup(string Semantics, IReadOnlyList<string> Mids)
{
    /// <summary>RFC 9143 §7.1: the BUNDLE group semantics.</summary>
    public const string Bundle = "BUNDLE";

    public static bool TryParse(string? value, out SdpGroup? group)
    {
        group = null;
        string[] parts = value?.Split(' ') ?? [];
        if (parts.Length < 1 || !parts.All(p => SdpText.IsToken(p)))
        {
            return false;
        }

        group = new SdpGroup(parts[0], parts[1..]);
        return true;
    }

    public override string ToString() => Mids.Count == 0 ? Semantics : Semantics + " " + string.Join(' ', Mids);
}
