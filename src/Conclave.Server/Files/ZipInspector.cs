using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Conclave.Domain.Common;
using Conclave.Domain.Files;

namespace Conclave.Server.Files;

/// <summary>
/// Looks into a zip-based upload (zip, docx, xlsx, pptx) before it is stored, with bounded reading: the entry count
/// from the end record before the central directory is read, then every entry inflated into a scratch buffer while
/// the bytes actually produced are counted (never the sizes the headers declare) against a total and a ratio to the
/// archive's own size. Nested archives are read as bytes, never expanded. Answers the zip's refined kind (an Office
/// document or a plain zip), or <c>file.unsafe_archive</c>.
/// </summary>
public static class ZipInspector
{
    // APPNOTE.TXT §4.3.16: the end of central directory record, 22 bytes and a comment of up to 65,535.
    private const int EndRecordLength = 22;
    private const uint EndRecordSignature = 0x06054b50;

    /// <param name="archive">The plaintext of the upload (seekable); read from its start.</param>
    /// <param name="options">The limits.</param>
    /// <param name="cancellationToken">Ends the inspection.</param>
    public static Result<FileKind> Inspect(Stream archive, ChatFileOptions options, CancellationToken cancellationToken)
    {
        var declared = DeclaredEntries(archive);
        if (declared is null)
        {
            return FileErrors.UnsafeArchive("The zip has no readable end record");
        }

        if (declared > options.MaxArchiveEntries)
        {
            return FileErrors.UnsafeArchive($"The zip has more than {options.MaxArchiveEntries:N0} entries");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            archive.Position = 0;
            using var zip = new ZipArchive(archive, ZipArchiveMode.Read, leaveOpen: true);
            var entries = zip.Entries;
            if (entries.Count > options.MaxArchiveEntries)
            {
                return FileErrors.UnsafeArchive($"The zip has more than {options.MaxArchiveEntries:N0} entries");
            }

            var ratioLimit = Math.Max(options.RatioFloorBytes, archive.Length * (long)options.MaxCompressionRatio);
            long inflated = 0;
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer, 0, buffer.Length)) > 0)
                {
                    inflated += read;
                    if (inflated > options.MaxArchiveExpandedBytes)
                    {
                        return FileErrors.UnsafeArchive($"The zip expands past {options.MaxArchiveExpandedBytes:N0} bytes");
                    }

                    if (inflated > ratioLimit)
                    {
                        return FileErrors.UnsafeArchive($"The zip expands more than {options.MaxCompressionRatio} times its size");
                    }
                }
            }

            return ContentSniffer.RefineZip(entries.Select(e => e.FullName));
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException or ArgumentException)
        {
            // A damaged or encrypted archive, an unknown compression method: nothing to look into, so nothing to store.
            return FileErrors.UnsafeArchive("The zip cannot be read");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The total entry count of the end record (0xFFFF for a Zip64 archive, counted as too many), or null when there is none.</summary>
    private static int? DeclaredEntries(Stream archive)
    {
        var tail = (int)Math.Min(archive.Length, EndRecordLength + ushort.MaxValue);
        if (tail < EndRecordLength)
        {
            return null;
        }

        var bytes = new byte[tail];
        archive.Position = archive.Length - tail;
        if (archive.ReadAtLeast(bytes, tail, throwOnEndOfStream: false) != tail)
        {
            return null;
        }

        for (var at = tail - EndRecordLength; at >= 0; at--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) == EndRecordSignature)
            {
                return BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at + 10));
            }
        }

        return null;
    }
}
