namespace Conclave.Protocols.Rtp;

/// <summary>The two RFC 8285 element formats.</summary>
public enum RtpHeaderExtensionFormat
{
    /// <summary>RFC 8285 §4.2: profile 0xBEDE; ids 1-14, 1-16 data bytes.</summary>
    OneByte,

    /// <summary>RFC 8285 §4.3: profile 0x100 followed by 4 application bits; ids 1-255, 0-255 data bytes.</summary>
    TwoByte,
}

/// <summary>Profile words and limits of RFC 8285.</summary>
public static class RtpHeaderExtensionProfiles
{
    public const ushort OneByte = 0xBEDE;

    /// <summary>The two-byte profile word with the four application bits zero.</summary>
    public const ushort TwoByte = 0x1000;

    /// <summary>Whether <paramref name="profile"/> is 0x1000-0x100F, the two-byte format (RFC 8285 §4.3).</summary>
    public static bool IsTwoByte(ushort profile) => (profile & 0xFFF0) == TwoByte;
}
