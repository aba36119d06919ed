namespace Conclave.Protocols.Stun;

/// <summary>Where one attribute sits in a parsed message: its type and the offset and length of its value.</summary>
public readonly record struct StunAttribute(StunAttributeType Type, int ValueOffset, int Length)
{
    /// <summary>RFC 8489 §14: types 0x0000–0x7FFF must be understood by the receiver.</summary>
    public bool IsComprehensionRequired => (ushort)Type < 0x8000;
}
