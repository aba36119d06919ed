namespace Conclave.Protocols.Rtp;

/// <summary>The fields of the RFC 3550 §5.1 fixed header that a sender chooses; the payload type has 7 bits (0-127).</summary>
public readonly record struct RtpHeader(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc);
