namespace Conclave.Server.Relay;

/// <summary>The transport between client and relay, one part of the allocation's 5-tuple (RFC 8656 §2).</summary>
public enum RelayTransport
{
    Udp,
    Tcp,
    Tls,
}
