namespace Conclave.Protocols.Rtp;

/// <summary>Fixed values of RFC 3550.</summary>
public static class RtpConstants
{
    /// <summary>RFC 3550 §5.1: the version field is 2.</summary>
    public const int Version = 2;

    /// <summary>RFC 3550 §5.1: fixed header length without CSRCs or extension.</summary>
    public const int FixedHeaderLength = 12;
}
