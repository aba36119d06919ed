namespace Conclave.Protocols.Sdp;

/// <summary><c>b=&lt;bwtype&gt;:&lt;bandwidth&gt;</c> (RFC 8866 §5.8), e.g. <c>AS</c> or <c>TIAS</c> (RFC 3890).</summary>
public sealed record SdpBandwidth(string Type, ulong Value)
{
    internal static bool TryParse(string value, out SdpBandwidth? bandwidth)
    {
        bandwidth = null;
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !SdpText.IsToken(value.AsSpan(0, colon)) || !SdpText.TryParseUInt64(value.AsSpan(colon + 1), out ulong amount))
        {
            return false;
        }

        bandwidth = new SdpBandwidth(value[..colon], amount);
        return true;
    }

    public override string ToString() => $"{Type}:{Value}";
}
