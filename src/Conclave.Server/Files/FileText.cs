using System.Diagnostics;
using System.Text;
using Conclave.Domain.Files;
using DocumentFormat.OpenXml.Packaging;
using UglyToad.PdfPig;

namespace Conclave.Server.Files;

/// <summary>
/// The text of a file for DLP: plain text, PDF (PdfPig) and Word documents (Open XML SDK), at most a number of
/// characters and for at most a time. Never throws on hostile bytes: a file that does not parse has no text, and
/// the answer says why by kind of failure, never by content.
/// </summary>
public static class FileText
{
    /// <summary>What was extracted: the text (empty when none), and why there is none or less than all when so.</summary>
    public sealed record Extraction(string Text, string? Problem);

    /// <param name="kind">The sniffed kind; kinds without text answer empty text.</param>
    /// <param name="content">The plaintext, seekable; read from its start.</param>
    /// <param name="maxCharacters">The most characters answered.</param>
    /// <param name="timeout">How long to look; what was found by then is answered.</param>
    public static Extraction Extract(FileKind kind, Stream content, int maxCharacters, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var text = new StringBuilder();
        try
        {
            content.Position = 0;
            switch (kind)
            {
                case FileKind.Text or FileKind.Html or FileKind.Xml or FileKind.Svg:
                    ReadText(content, text, maxCharacters);
                    break;
                case FileKind.Pdf:
                    ReadPdf(content, text, maxCharacters, timeout, clock);
                    break;
                case FileKind.Docx:
                    ReadDocx(content, text, maxCharacters, timeout, clock);
                    break;
                default:
                    return new Extraction("", null);
            }

            return new Extraction(text.ToString(), clock.Elapsed > timeout ? "time limit reached" : null);
        }
#pragma warning disable CA1031 // hostile bytes reach third-party parsers: whatever they throw means "no text", by design
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Extraction(text.ToString(), $"{e.GetType().Name} while parsing");
        }
    }

    private static void ReadText(Stream content, StringBuilder text, int maxCharacters)
    {
        using var reader = new StreamReader(content, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var buffer = new char[16 * 1024];
        int read;
        while (text.Length < maxCharacters && (read = reader.Read(buffer, 0, Math.Min(buffer.Length, maxCharacters - text.Length))) > 0)
        {
            text.Append(buffer, 0, read);
        }
    }

    private static void ReadPdf(Stream content, StringBuilder text, int maxCharacters, TimeSpan timeout, Stopwatch clock)
    {
        using var document = PdfDocument.Open(content, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        for (var page = 1; page <= document.NumberOfPages && text.Length < maxCharacters && clock.Elapsed < timeout; page++)
        {
            Append(text, document.GetPage(page).Text, maxCharacters);
            text.Append('\n');
        }
    }

    private static void ReadDocx(Stream content, StringBuilder text, int maxCharacters, TimeSpan timeout, Stopwatch clock)
    {
        var settings = new OpenSettings { AutoSave = false, MaxCharactersInPart = 64L * 1024 * 1024 };
        using var document = WordprocessingDocument.Open(content, isEditable: false, settings);
        var body = document.MainDocumentPart?.Document?.Body;
        if (body is null)
        {
            return;
        }

        foreach (var paragraph in body.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
        {
            if (text.Length >= maxCharacters || clock.Elapsed > timeout)
            {
                break;
            }

            Append(text, paragraph.InnerText, maxCharacters);
            text.Append('\n');
        }
    }

    private static void Append(StringBuilder text, string more, int maxCharacters) =>
        text.Append(more.AsSpan(0, Math.Min(more.Length, Math.Max(0, maxCharacters - text.Length))));
}
