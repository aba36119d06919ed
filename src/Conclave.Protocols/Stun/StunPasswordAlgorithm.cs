namespace Conclave.Protocols.Stun;

/// <summary>PASSWORD-ALGORITHM values (RFC 8489 §18.5).</summary>
public enum StunPasswordAlgorithm : ushort
{
    /// <summary>The legacy long-term key, MD5(username:realm:password); RFC 8489 §9.2.2 keeps it for compatibility.</summary>
    Md5 = 0x0001,
    Sha256 = 0x0002,
}
