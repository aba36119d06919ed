namespace Conclave.Protocols.Sdp;

/// <summary><c>a=fmtp:&lt;format&gt; &lt;format specific parameters&gt;</c> (RFC 8866 §6.15), e.g. <c>111 minptime=10;useinbandfec=1</c>.</summary>
public sealed record SdpFmtp(string Format, string Parameters)
{
    public static bool TryParse(string? value, out SdpFmtp? fmtp)
    {
        fmtp = null;
        int space = value?.IndexOf(' ', StringComparison.Ordinal) ?? -1;
        if (space <= 0 || !SdpText.IsToken(value.AsSpan(0, space)))
        {
            return false;
        }

        fmtp = new SdpFmtp(value![..space], value[(space + 1)..]);
        return true;
    }

    /// <summary>The <c>name=value</c> pairs of a semicolon-separated parameter list (the form most payload formats use).</summary>
    public IReadOnlyDictionary<string, string> ParameterPairs()
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string part in Parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=', StringComparison.Ordinal);
            pairs[equals < 0 ? part : part[..equals]] = equals < 0 ? string.Empty : part[(equals + 1)..];
        }

        return pairs;
    }

    public override string ToString() => Format + " " + Parameters;
}
