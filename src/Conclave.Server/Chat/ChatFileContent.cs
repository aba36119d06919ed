using System.Text;
using Conclave.Server.Content;

namespace Conclave.Server.Chat;

/// <summary>
/// Where a chat file's protected pieces belong (<see cref="ContentScope"/> with container kind <c>file</c> and the
/// file's id): its name, and each chunk of its content. A chunk's record id carries its index and whether it is the
/// last one, so that the AEAD refuses a chunk moved to another place, another file or tenant, and a file cut short
/// or extended (the STREAM construction: Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and
/// its Nonce-Reuse Misuse-Resistance", CRYPTO 2015, §7).
/// </summary>
public static class ChatFileContent
{
    /// <summary>The container kind of file content in a <see cref="ContentScope"/>.</summary>
    public const string ContainerKind = "file";

    // Byte 8 of a record id: what the record is. Bytes 0-7 are a chunk's index (big-endian), 9-15 zero.
    private const byte MiddleChunk = 0;
    private const byte LastChunk = 1;
    private const byte Name = 2;

    /// <summary>The scope of chunk <paramref name="index"/> (from 0) of file <paramref name="fileId"/>; <paramref name="last"/> for its final chunk.</summary>
    public static ContentScope ChunkScope(string tenantId, Guid fileId, long index, bool last) =>
        new(tenantId, ContainerKind, fileId, RecordId(index, last ? LastChunk : MiddleChunk));

    /// <summary>The scope of the file's name.</summary>
    public static ContentScope NameScope(string tenantId, Guid fileId) => new(tenantId, ContainerKind, fileId, RecordId(0, Name));

    public static byte[] ProtectName(IContentProtector protector, string tenantId, Guid fileId, string name) =>
        protector.Protect(NameScope(tenantId, fileId), Encoding.UTF8.GetBytes(name));

    /// <summary>The file's name; throws <see cref="ContentUnreadableException"/> when it does not decrypt.</summary>
    public static string UnprotectName(IContentProtector protector, string tenantId, Guid fileId, byte[] protectedName) =>
        Encoding.UTF8.GetString(protector.Unprotect(NameScope(tenantId, fileId), protectedName));

    private static Guid RecordId(long index, byte kind)
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, index);
        bytes[8] = kind;
        // ContentScopeEncoding writes a GUID in network order: the bytes bound are these bytes.
        return new Guid(bytes, bigEndian: true);
    }
}
