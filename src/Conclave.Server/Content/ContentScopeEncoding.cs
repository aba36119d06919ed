using System.Buffers.Binary;

namespace Conclave.Server.Content;

/// <summary>
/// The byte strings a <see cref="ContentScope"/> contributes to the cryptography: the HKDF info of its
/// container's key and the AEAD associated data of its record. Each is a fixed label followed by the
/// fields in a fixed order, strings length-prefixed and GUIDs at their fixed 16 bytes, so that two
/// different scopes never encode to the same bytes (without the prefixes, tenant "ab" with kind "c"
/// and tenant "a" with kind "bc" would share a key).
/// </summary>
internal static class ContentScopeEncoding
{
    /// <summary>The HKDF info label (RFC 5869 §3.2: info binds the derived key to its context); the version names the whole scheme.</summary>
    private static ReadOnlySpan<byte> KeyLabel => "conclave-content-key-v1"u8;

    /// <summary>The associated-data label: distinct from the key label, so the two encodings never meet.</summary>
    private static ReadOnlySpan<byte> RecordLabel => "conclave-content-record-v1"u8;

    private const int GuidLength = 16;
    private const int LengthPrefix = sizeof(int);

    /// <summary>Bytes of <see cref="ContainerInfo"/> for <paramref name="scope"/>.</summary>
    public static int ContainerInfoLength(ContentScope scope) =>
        KeyLabel.Length + StringLength(scope.TenantId) + StringLength(scope.ContainerKind) + GuidLength;

    /// <summary>label ‖ tenant ‖ kind ‖ container id: what one container's key is derived for (the record is not in it: one key per container).</summary>
    public static void ContainerInfo(ContentScope scope, Span<byte> destination)
    {
        var rest = Append(destination, KeyLabel);
        rest = AppendString(rest, scope.TenantId);
        rest = AppendString(rest, scope.ContainerKind);
        AppendGuid(rest, scope.ContainerId);
    }

    /// <summary>Bytes of <see cref="RecordAssociatedData"/> for <paramref name="scope"/>.</summary>
    public static int RecordAssociatedDataLength(ContentScope scope) =>
        RecordLabel.Length + 1 + StringLength(scope.TenantId) + StringLength(scope.ContainerKind) + (2 * GuidLength);

    /// <summary>
    /// label ‖ format version ‖ tenant ‖ kind ‖ container id ‖ record id: the whole scope, and the version
    /// byte so that the header is authenticated with the content.
    /// </summary>
    public static void RecordAssociatedData(ContentScope scope, byte version, Span<byte> destination)
    {
        var rest = Append(destination, RecordLabel);
        rest[0] = version;
        rest = AppendString(rest[1..], scope.TenantId);
        rest = AppendString(rest, scope.ContainerKind);
        rest = AppendGuid(rest, scope.ContainerId);
        AppendGuid(rest, scope.RecordId);
    }

    /// <summary>
    /// A string is its UTF-16 code units, little-endian, after their byte count: every string (even one
    /// with a lone surrogate, which UTF-8 would replace by U+FFFD and so merge with another) has exactly one encoding.
    /// </summary>
    private static int StringLength(string value) => LengthPrefix + (value.Length * sizeof(char));

    private static Span<byte> Append(Span<byte> destination, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination);
        return destination[bytes.Length..];
    }

    private static Span<byte> AppendString(Span<byte> destination, string value)
    {
        BinaryPrimitives.WriteInt32BigEndian(destination, value.Length * sizeof(char));
        var rest = destination[LengthPrefix..];
        foreach (var unit in value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(rest, unit);
            rest = rest[sizeof(char)..];
        }

        return rest;
    }

    private static Span<byte> AppendGuid(Span<byte> destination, Guid value)
    {
        // RFC 9562 §4: the UUID's bytes in network order, the same on every platform.
        value.TryWriteBytes(destination, bigEndian: true, out _);
        return destination[GuidLength..];
    }
}
