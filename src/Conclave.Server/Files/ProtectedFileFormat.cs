using System.Buffers.Binary;
using Conclave.Server.Chat;
using Conclave.Server.Content;

namespace Conclave.Server.Files;

/// <summary>
/// How a chat file's content is kept: a 16-byte header (the magic <c>CNF1</c>, the plaintext bytes per chunk and the
/// plaintext length, both big-endian), then one record per chunk: its length (4 bytes, big-endian) and the chunk
/// sealed by the content protector under <see cref="ChatFileContent.ChunkScope"/>. Every chunk but the last holds a
/// full chunk of plaintext, so a reader finds chunk i at a fixed offset and can seek (range requests, zip reading).
/// The header is not authenticated and need not be: a length that moves the last chunk is caught by its last-chunk
/// marker, a chunk size that moves a boundary by the chunks' scopes.
/// </summary>
public static class ProtectedFileFormat
{
    public const int HeaderLength = 16;

    private static ReadOnlySpan<byte> Magic => "CNF1"u8;

    /// <summary>Writes the header with <paramref name="length"/> at the start of <paramref name="output"/>.</summary>
    public static void WriteHeader(Stream output, int chunkBytes, long length)
    {
        Span<byte> header = stackalloc byte[HeaderLength];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], chunkBytes);
        BinaryPrimitives.WriteInt64BigEndian(header[8..], length);
        output.Position = 0;
        output.Write(header);
    }

    /// <summary>Seals chunk <paramref name="index"/> and appends its record at the stream's position.</summary>
    public static async Task WriteChunkAsync(
        Stream output, IContentProtector protector, string tenantId, Guid fileId, long index, bool last, ReadOnlyMemory<byte> plaintext,
        CancellationToken cancellationToken)
    {
        var sealedChunk = protector.Protect(ChatFileContent.ChunkScope(tenantId, fileId, index, last), plaintext.Span);
        var prefix = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(prefix, sealedChunk.Length);
        await output.WriteAsync(prefix, cancellationToken);
        await output.WriteAsync(sealedChunk, cancellationToken);
    }

    /// <summary>
    /// The header's chunk size and length when it is well formed and agrees with <paramref name="expectedLength"/>;
    /// else false.
    /// </summary>
    public static bool TryReadHeader(Stream input, long expectedLength, out int chunkBytes)
    {
        chunkBytes = 0;
        Span<byte> header = stackalloc byte[HeaderLength];
        input.Position = 0;
        if (input.ReadAtLeast(header, HeaderLength, throwOnEndOfStream: false) != HeaderLength || !header[..4].SequenceEqual(Magic))
        {
            return false;
        }

        chunkBytes = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        var length = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
        return chunkBytes is >= 1024 and <= 64 * 1024 * 1024 && length == expectedLength && length > 0;
    }
}

/// <summary>
/// The plaintext of a stored chat file as a read-only, seekable stream: each read decrypts the chunk it falls in (one
/// chunk held at a time). A chunk that does not decrypt where it is read (altered, moved, from another file, or a file
/// cut short) throws <see cref="ContentUnreadableException"/>.
/// </summary>
public sealed class ProtectedFileStream : Stream
{
    private readonly Stream _inner;
    private readonly IContentProtector _protector;
    private readonly string _tenantId;
    private readonly Guid _fileId;
    private readonly long _length;
    private readonly int _chunkBytes;
    private readonly long _chunkCount;
    private long _recordBytes = -1;
    private long _position;
    private long _cachedIndex = -1;
    private byte[] _cached = [];

    private ProtectedFileStream(Stream inner, IContentProtector protector, string tenantId, Guid fileId, long length, int chunkBytes)
    {
        _inner = inner;
        _protector = protector;
        _tenantId = tenantId;
        _fileId = fileId;
        _length = length;
        _chunkBytes = chunkBytes;
        _chunkCount = ((length - 1) / chunkBytes) + 1;
    }

    /// <summary>The plaintext of <paramref name="inner"/> (owned by the answer), or null when its header is not one of <paramref name="length"/> bytes.</summary>
    public static ProtectedFileStream? Open(Stream inner, IContentProtector protector, string tenantId, Guid fileId, long length)
    {
        if (!ProtectedFileFormat.TryReadHeader(inner, length, out var chunkBytes))
        {
            inner.Dispose();
            return null;
        }

        return new ProtectedFileStream(inner, protector, tenantId, fileId, length, chunkBytes);
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => _position = value < 0 ? throw new ArgumentOutOfRangeException(nameof(value)) : value;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position >= _length || buffer.IsEmpty)
        {
            return 0;
        }

        var index = _position / _chunkBytes;
        var chunk = Chunk(index);
        var within = (int)(_position - (index * _chunkBytes));
        var count = Math.Min(buffer.Length, chunk.Length - within);
        if (count <= 0)
        {
            throw new ContentUnreadableException("A chunk of a stored file is shorter than its place.");
        }

        chunk.AsSpan(within, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => _length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private byte[] Chunk(long index)
    {
        if (index == _cachedIndex)
        {
            return _cached;
        }

        if (_recordBytes < 0)
        {
            _recordBytes = ReadRecordLength(ProtectedFileFormat.HeaderLength);
        }

        // Every record before the last is as long as the first (a full chunk sealed); the last may be shorter.
        var at = ProtectedFileFormat.HeaderLength + (index * (4 + _recordBytes));
        var sealedLength = ReadRecordLength(at);
        var last = index == _chunkCount - 1;
        if ((!last && sealedLength != _recordBytes) || sealedLength > _recordBytes)
        {
            throw new ContentUnreadableException("A chunk of a stored file has the wrong length.");
        }

        var sealedChunk = new byte[sealedLength];
        if (_inner.ReadAtLeast(sealedChunk, sealedChunk.Length, throwOnEndOfStream: false) != sealedChunk.Length)
        {
            throw new ContentUnreadableException("A stored file ends inside a chunk.");
        }

        var plaintext = _protector.Unprotect(ChatFileContent.ChunkScope(_tenantId, _fileId, index, last), sealedChunk);
        var expected = last ? _length - (index * _chunkBytes) : _chunkBytes;
        if (plaintext.Length != expected)
        {
            throw new ContentUnreadableException("A chunk of a stored file holds the wrong number of bytes.");
        }

        _cachedIndex = index;
        _cached = plaintext;
        return plaintext;
    }

    private int ReadRecordLength(long at)
    {
        Span<byte> prefix = stackalloc byte[4];
        _inner.Position = at;
        if (_inner.ReadAtLeast(prefix, 4, throwOnEndOfStream: false) != 4)
        {
            throw new ContentUnreadableException("A stored file ends before a chunk.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(prefix);
        return length is > 0 and <= (128 * 1024 * 1024) ? length : throw new ContentUnreadableException("A chunk of a stored file has an impossible length.");
    }
}
