namespace Conclave.Protocols.Sdp;

/// <summary><c>c=&lt;nettype&gt; &lt;addrtype&gt; &lt;connection-address&gt;</c> (RFC 8866 §5.7).</summary>
public sealed record SdpConnection(string NetType, string AddressType, string Address)
{
    /// <summary>The placeholder JSEP uses before candidates are known (RFC 8829 §5.2.1): <c>IN IP4 0.0.0.0</c>.</summary>
    public static SdpConnection Placeholder { get; } = new("IN", "IP4", "0.0.0.0");

    internal static bool TryParse(string value, out SdpConnection? connection)
    {
        string[] parts = value.Split(' ');
        connection = parts.Length == 3 && parts.All(p => p.Length > 0) ? new SdpConnection(parts[0], parts[1], parts[2]) : null;
        return connection is not null;
    }

    public override string ToString() => $"{NetType} {AddressType} {Address}";
}
