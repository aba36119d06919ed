using System.Buffers.Binary;
using Conclave.Server.Content;
using Conclave.Server.Files;

namespace Conclave.Server.Tests.Files;

/// <summary>
/// The at-rest format of chat files (Files/ProtectedFileFormat): chunks decrypt only in their place, in their file, and
/// with the last one last (the STREAM construction), so a stored file cannot be reordered, spliced or cut short.
/// </summary>
public sealed class ProtectedFileStreamTests
{
    private const int Chunk = 1024;
    private const string Tenant = "contoso.test";
    private static readonly SoftwareContentProtector Protector = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private static byte[] Plaintext(int length) => [.. Enumerable.Range(0, length).Select(i => (byte)(i * 7))];

    private static async Task<byte[]> SealAsync(Guid fileId, byte[] plaintext)
    {
        using var output = new MemoryStream();
        ProtectedFileFormat.WriteHeader(output, Chunk, plaintext.Length);
        var count = (plaintext.Length + Chunk - 1) / Chunk;
        for (var i = 0; i < count; i++)
        {
            var part = plaintext.AsMemory(i * Chunk, Math.Min(Chunk, plaintext.Length - (i * Chunk)));
            await ProtectedFileFormat.WriteChunkAsync(output, Protector, Tenant, fileId, i, i == count - 1, part, CancellationToken.None);
        }

        return output.ToArray();
    }

    private static byte[] Read(byte[] stored, Guid fileId, long length)
    {
        using var stream = ProtectedFileStream.Open(new MemoryStream(stored), Protector, Tenant, fileId, length) ?? throw new ContentUnreadableException("header");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The offset of record <paramref name="index"/> when every record before it is a full chunk.</summary>
    private static int RecordAt(byte[] stored, int index)
    {
        var full = BinaryPrimitives.ReadInt32BigEndian(stored.AsSpan(ProtectedFileFormat.HeaderLength)) + 4;
        return ProtectedFileFormat.HeaderLength + (index * full);
    }

    [Fact]
    public async Task RoundTrip_AndSeek()
    {
        var id = Guid.NewGuid();
        var plaintext = Plaintext((3 * Chunk) + 100);
        var stored = await SealAsync(id, plaintext);
        Assert.Equal(plaintext, Read(stored, id, plaintext.Length));

        using var stream = ProtectedFileStream.Open(new MemoryStream(stored), Protector, Tenant, id, plaintext.Length)!;
        stream.Position = (2 * Chunk) + 10;
        var some = new byte[Chunk];
        var read = stream.ReadAtLeast(some, Chunk, throwOnEndOfStream: false);
        Assert.Equal(plaintext[((2 * Chunk) + 10)..((2 * Chunk) + 10 + read)], some[..read]);
    }

    [Fact]
    public async Task SwappedChunks_DoNotDecrypt()
    {
        var id = Guid.NewGuid();
        var plaintext = Plaintext((3 * Chunk) + 100);
        var stored = await SealAsync(id, plaintext);
        var first = RecordAt(stored, 0);
        var second = RecordAt(stored, 1);
        var length = second - first;
        var swapped = (byte[])stored.Clone();
        stored.AsSpan(first, length).CopyTo(swapped.AsSpan(second));
        stored.AsSpan(second, length).CopyTo(swapped.AsSpan(first));

        Assert.Throws<ContentUnreadableException>(() => Read(swapped, id, plaintext.Length));
    }

    [Fact]
    public async Task ATruncatedFile_DoesNotDecrypt_EvenWithItsLengthRewritten()
    {
        var id = Guid.NewGuid();
        var plaintext = Plaintext(4 * Chunk);
        var stored = await SealAsync(id, plaintext);
        // Drop the last chunk and claim three chunks of length: chunk 2 was sealed as a middle chunk, not the last.
        var cut = stored[..RecordAt(stored, 3)];
        BinaryPrimitives.WriteInt64BigEndian(cut.AsSpan(8), 3 * Chunk);
        Assert.Throws<ContentUnreadableException>(() => Read(cut, id, 3 * Chunk));
        // Cut without rewriting: the last record is missing.
        Assert.Throws<ContentUnreadableException>(() => Read(stored[..RecordAt(stored, 3)], id, 4 * Chunk));
    }

    [Fact]
    public async Task AChunkOfAnotherFile_DoesNotDecrypt()
    {
        var id = Guid.NewGuid();
        var other = Guid.NewGuid();
        var plaintext = Plaintext(2 * Chunk);
        var stored = await SealAsync(id, plaintext);
        var foreign = await SealAsync(other, Plaintext(2 * Chunk).Select(b => (byte)(b ^ 0x55)).ToArray());
        var spliced = (byte[])stored.Clone();
        var at = RecordAt(stored, 0);
        foreign.AsSpan(at, RecordAt(foreign, 1) - at).CopyTo(spliced.AsSpan(at));

        Assert.Throws<ContentUnreadableException>(() => Read(spliced, id, plaintext.Length));
        Assert.Throws<ContentUnreadableException>(() => Read(stored, other, plaintext.Length));
    }
}
