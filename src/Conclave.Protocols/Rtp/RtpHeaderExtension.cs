namespace Conclave.Protocols.Rtp;

/// <summary>One RFC 8285 header extension element: its local identifier and its data, a view into the packet.</summary>
public readonly ref struct RtpHeaderExtension(byte id, ReadOnlySpan<byte> data)
{
    public byte Id { get; } = id;

    public ReadOnlySpan<byte> Data { get; } = data;
}
