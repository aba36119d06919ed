namespace Conclave.Protocols.Sdp;

/// <summary>
/// <c>o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; &lt;nettype&gt; &lt;addrtype&gt; &lt;unicast-address&gt;</c>
/// (RFC 8866 §5.2). The numeric fields stay text so that leading zeros survive a round trip; JSEP
/// (RFC 8829 §5.2.1) keeps session ids below 2^63.
/// </summary>
public sealed record SdpOrigin(string Username, string SessionId, string SessionVersion, string NetType, string AddressType, string Address)
{
    /// <summary>JSEP's origin for a new offer or answer: username "-", a random id, version 2 (as browsers), IN IP4 127.0.0.1.</summary>
    public static SdpOrigin Create(ulong sessionId) =>
        new("-", (sessionId & long.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture), "2", "IN", "IP4", "127.0.0.1");

    internal static bool TryParse(string value, out SdpOrigin? origin)
    {
        origin = null;
        string[] parts = value.Split(' ');
        if (parts.Length != 6 || parts.Any(p => p.Length == 0) || !SdpText.IsDigits(parts[1]) || !SdpText.IsDigits(parts[2]))
        {
            return false;
        }

        origin = new SdpOrigin(parts[0], parts[1], parts[2], parts[3], parts[4], parts[5]);
        return true;
    }

    public override string ToString() => $"{Username} {SessionId} {SessionVersion} {NetType} {AddressType} {Address}";
}
