using System.ComponentModel.DataAnnotations;

namespace Conclave.Server.Files;

/// <summary>
/// Configuration section <c>Conclave:Files</c>: how large a file may be, where the encrypted files are kept, and the
/// bounds on inspecting them (archives, text for DLP), so that no upload can make the server expand or parse without end.
/// </summary>
public sealed class ChatFileOptions
{
    public const string Section = "Conclave:Files";

    /// <summary>100 MB: room for documents, slides and screenshots; larger media belongs to a file share.</summary>
    public const long DefaultMaxBytes = 100L * 1024 * 1024;

    /// <summary>Bytes of plaintext per encrypted chunk: 64 KiB, the unit of streaming in both directions.</summary>
    public const int DefaultChunkBytes = 64 * 1024;

    /// <summary>1 GiB: the most an archive may expand to, counted over the bytes actually inflated.</summary>
    public const long DefaultMaxArchiveExpandedBytes = 1024L * 1024 * 1024;

    /// <summary>Expanded bytes per stored byte: Office documents are 5 to 20; zeros or repeated text are 1,000 and more.</summary>
    public const int DefaultMaxCompressionRatio = 100;

    /// <summary>Below this many expanded bytes the ratio is not looked at: a tiny archive of text compresses well and harms no one.</summary>
    public const long DefaultRatioFloorBytes = 1024 * 1024;

    /// <summary>Entries of an archive: a large Office document has a few hundred.</summary>
    public const int DefaultMaxArchiveEntries = 10_000;

    /// <summary>Characters of text handed to DLP from one file: 1 M, about 300 pages.</summary>
    public const int DefaultMaxExtractedCharacters = 1_000_000;

    /// <summary>How long text extraction may take before DLP gets what was found so far.</summary>
    public static readonly TimeSpan DefaultExtractionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Bytes; a larger upload gets 413 <c>file.too_large</c> and nothing is stored. Default <see cref="DefaultMaxBytes"/>.</summary>
    [Range(1, 10L * 1024 * 1024 * 1024)]
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>The folder of the encrypted files; default <c>files</c> under the data folder.</summary>
    public string? Folder { get; set; }

    /// <summary>Plaintext bytes per encrypted chunk. Default <see cref="DefaultChunkBytes"/>.</summary>
    [Range(4 * 1024, 4 * 1024 * 1024)]
    public int ChunkBytes { get; set; } = DefaultChunkBytes;

    [Range(1024, long.MaxValue)]
    public long MaxArchiveExpandedBytes { get; set; } = DefaultMaxArchiveExpandedBytes;

    [Range(2, 100_000)]
    public int MaxCompressionRatio { get; set; } = DefaultMaxCompressionRatio;

    [Range(0, long.MaxValue)]
    public long RatioFloorBytes { get; set; } = DefaultRatioFloorBytes;

    [Range(1, 65_534)]
    public int MaxArchiveEntries { get; set; } = DefaultMaxArchiveEntries;

    [Range(1, 100_000_000)]
    public int MaxExtractedCharacters { get; set; } = DefaultMaxExtractedCharacters;

    /// <summary>Default <see cref="DefaultExtractionTimeout"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan ExtractionTimeout { get; set; } = DefaultExtractionTimeout;
}
