using System.Text;

namespace Conclave.Domain.Files;

/// <summary>
/// Finds what a file is from its first bytes (magic numbers, then markup and text), never from its name or the
/// client's Content-Type. Follows the WHATWG MIME Sniffing Standard's patterns (§7.1 for markup, §6 for images and
/// archives) with executables added. Never throws, whatever the bytes.
/// </summary>
public static class ContentSniffer
{
    /// <summary>How many leading bytes <see cref="Sniff"/> looks at (WHATWG MIME Sniffing §5.2: 1,445 is enough for the patterns; text needs more).</summary>
    public const int HeadLength = 8 * 1024;

    // WHATWG MIME Sniffing §7.1: the tags that make text HTML when they open it (after whitespace), followed by a space or '>'.
    private static readonly string[] HtmlTags =
    [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    ];

    /// <summary>The kind of a file whose first bytes (up to <see cref="HeadLength"/>, or all of a shorter file) are <paramref name="head"/>.</summary>
    public static FileKind Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return FileKind.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileKind.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileKind.Jpeg;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return FileKind.Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return FileKind.WebP;
        }

        // A local file header, or the end record of an empty archive (APPNOTE.TXT §4.3.7, §4.3.16).
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]) || head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x05, 0x06]))
        {
            return FileKind.Zip;
        }

        if (head.StartsWith("MZ"u8) || head.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46]) || IsMachO(head))
        {
            return FileKind.Executable;
        }

        return SniffText(head);
    }

    /// <summary>
    /// A zip's kind from the names of its entries: an Office Open XML package has [Content_Types].xml (ECMA-376 Part 2
    /// §10.1.2.4) and its main part where the format puts it.
    /// </summary>
    public static FileKind RefineZip(IEnumerable<string> entryNames)
    {
        var names = entryNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!names.Contains("[Content_Types].xml"))
        {
            return FileKind.Zip;
        }

        return names.Contains("word/document.xml") ? FileKind.Docx
            : names.Contains("xl/workbook.xml") ? FileKind.Xlsx
            : names.Contains("ppt/presentation.xml") ? FileKind.Pptx
            : FileKind.Zip;
    }

    private static bool IsMachO(ReadOnlySpan<byte> head) =>
        head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xED, 0xFA, 0xCF])
        || head.StartsWith((ReadOnlySpan<byte>)[0xCE, 0xFA, 0xED, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xCF, 0xFA, 0xED, 0xFE]);

    private static FileKind SniffText(ReadOnlySpan<byte> head)
    {
        var body = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        if (body.IndexOf((byte)0) >= 0 || !IsUtf8(body, truncated: head.Length >= HeadLength))
        {
            return FileKind.Unknown;
        }

        var start = body.TrimStart(" \t\r\n\f"u8);
        if (start.StartsWith("<?xml"u8))
        {
            return ContainsIgnoreCase(start, "<svg"u8) ? FileKind.Svg : FileKind.Xml;
        }

        if (StartsWithIgnoreCase(start, "<svg"u8))
        {
            return FileKind.Svg;
        }

        foreach (var tag in HtmlTags)
        {
            var bytes = Encoding.ASCII.GetBytes(tag);
            if (StartsWithIgnoreCase(start, bytes) && (start.Length == bytes.Length || start[bytes.Length] is (byte)' ' or (byte)'>' || tag == "<!--"))
            {
                return FileKind.Html;
            }
        }

        // Markup anywhere near the start still renders in a browser that sniffs: treat it as HTML, never as text.
        return ContainsIgnoreCase(body, "<script"u8) || ContainsIgnoreCase(body, "<html"u8) ? FileKind.Html : FileKind.Text;
    }

    /// <summary>Whether the bytes are UTF-8; with <paramref name="truncated"/>, a sequence cut at the end is allowed.</summary>
    private static bool IsUtf8(ReadOnlySpan<byte> bytes, bool truncated)
    {
        var rest = bytes;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData && truncated)
            {
                return true;
            }

            if (status != System.Buffers.OperationStatus.Done)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool StartsWithIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> asciiPrefix) =>
        text.Length >= asciiPrefix.Length && Ascii.EqualsIgnoreCase(text[..asciiPrefix.Length], asciiPrefix);

    private static bool ContainsIgnoreCase(ReadOnlySpan<byte> text, ReadOnlySpan<byte> ascii)
    {
        for (var i = 0; i + ascii.Length <= text.Length; i++)
        {
            if (text[i] == (byte)'<' && Ascii.EqualsIgnoreCase(text.Slice(i, ascii.Length), ascii))
            {
                return true;
            }
        }

        return false;
    }
}
