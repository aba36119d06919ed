namespace Conclave.Protocols.Sdp;

/// <summary>
/// One <c>a=</c> line (RFC 8866 §5.13): a property attribute (<c>a=rtcp-mux</c>, <see cref="Value"/> null)
/// or a value attribute (<c>a=mid:0</c>). Kept as text so that every attribute, known or not, is written
/// back exactly as it came.
/// </summary>
public readonly record struct SdpAttribute(string Name, string? Value)
{
    /// <summary>A property attribute with no value.</summary>
    public static SdpAttribute Flag(string name) => new(name, null);

    /// <summary>The text after <c>a=</c>.</summary>
    public override string ToString() => Value is null ? Name : Name + ":" + Value;
}
