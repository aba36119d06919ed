namespace Conclave.Protocols.Sdp;

/// <summary>Media direction attributes (RFC 8866 §6.7); <see cref="SendRecv"/> when none is given (§6.7.3).</summary>
public enum SdpDirection
{
    SendRecv,
    SendOnly,
    RecvOnly,
    Inactive,
}
