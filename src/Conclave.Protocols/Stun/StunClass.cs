namespace Conclave.Protocols.Stun;

/// <summary>STUN message classes (RFC 8489 §5): the C1 and C0 bits of the message type.</summary>
public enum StunClass : byte
{
    Request = 0,
    Indication = 1,
    SuccessResponse = 2,
    ErrorResponse = 3,
}
