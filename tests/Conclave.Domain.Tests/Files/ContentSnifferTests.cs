using System.Text;
using Conclave.Domain.Files;

namespace Conclave.Domain.Tests.Files;

/// <summary>What a file is, from its first bytes (WHATWG MIME Sniffing patterns and executables), and which names may hold it.</summary>
public sealed class ContentSnifferTests
{
    public static TheoryData<byte[], FileKind> Samples => new()
    {
        { "%PDF-1.7\n"u8.ToArray(), FileKind.Pdf },
        { [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0], FileKind.Png },
        { [0xFF, 0xD8, 0xFF, 0xE0], FileKind.Jpeg },
        { "GIF89a.."u8.ToArray(), FileKind.Gif },
        { "RIFF\0\0\0\0WEBPVP8 "u8.ToArray(), FileKind.WebP },
        { [0x50, 0x4B, 0x03, 0x04, 0x14], FileKind.Zip },
        { "MZ\u0090\0"u8.ToArray(), FileKind.Executable },
        { [0x7F, 0x45, 0x4C, 0x46, 2, 1], FileKind.Executable },
        { [0xCF, 0xFA, 0xED, 0xFE], FileKind.Executable },
        { "plain words\nand lines"u8.ToArray(), FileKind.Text },
        { [0xEF, 0xBB, 0xBF, .. "caf\u00e9"u8.ToArray()], FileKind.Text },
        { "  <!doctype html><p>x"u8.ToArray(), FileKind.Html },
        { "<HTML>"u8.ToArray(), FileKind.Html },
        { "notes then <script>alert(1)</script>"u8.ToArray(), FileKind.Html },
        { "<?xml version=\"1.0\"?><svg/>"u8.ToArray(), FileKind.Svg },
        { "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), FileKind.Svg },
        { "<?xml version=\"1.0\"?><doc/>"u8.ToArray(), FileKind.Xml },
        { [0x00, 0x01, 0x02], FileKind.Unknown },
        { [0xC3, 0x28], FileKind.Unknown },
        { [], FileKind.Text },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Sniff_FindsTheKind(byte[] head, FileKind kind) => Assert.Equal(kind, ContentSniffer.Sniff(head));

    [Fact]
    public void Sniff_AcceptsAUtf8SequenceCutAtTheEndOfTheHead()
    {
        var head = Encoding.UTF8.GetBytes(new string('a', ContentSniffer.HeadLength - 1) + "\u00e9")[..ContentSniffer.HeadLength];
        Assert.Equal(FileKind.Text, ContentSniffer.Sniff(head));
    }

    [Fact]
    public void RefineZip_NamesOfficeDocumentsByTheirMainPart()
    {
        Assert.Equal(FileKind.Docx, ContentSniffer.RefineZip(["[Content_Types].xml", "word/document.xml"]));
        Assert.Equal(FileKind.Xlsx, ContentSniffer.RefineZip(["[Content_Types].xml", "xl/workbook.xml"]));
        Assert.Equal(FileKind.Pptx, ContentSniffer.RefineZip(["[Content_Types].xml", "ppt/presentation.xml"]));
        Assert.Equal(FileKind.Zip, ContentSniffer.RefineZip(["word/document.xml"]));
    }

    [Theory]
    [InlineData(".pdf", FileKind.Pdf, true)]
    [InlineData(".pdf", FileKind.Html, false)]
    [InlineData(".pdf", FileKind.Executable, false)]
    [InlineData(".docx", FileKind.Zip, false)]
    [InlineData(".zip", FileKind.Docx, true)]
    [InlineData(".txt", FileKind.Executable, false)]
    [InlineData(".weird", FileKind.Executable, true)]
    [InlineData("", FileKind.Html, true)]
    public void Fits_AKnownExtension_OnlyItsKinds(string extension, FileKind kind, bool fits) => Assert.Equal(fits, FileKinds.Fits(extension, kind));

    [Theory]
    [InlineData(FileKind.Html)]
    [InlineData(FileKind.Svg)]
    [InlineData(FileKind.Xml)]
    [InlineData(FileKind.Executable)]
    [InlineData(FileKind.Unknown)]
    public void ServedType_NeverRendersMarkupOrPrograms(FileKind kind) => Assert.Equal(FileKinds.OctetStream, FileKinds.ServedType(kind));

    [Theory]
    [InlineData("report.PDF", ".pdf")]
    [InlineData("archive.tar.gz", ".gz")]
    [InlineData(".bashrc", "")]
    [InlineData("noext", "")]
    [InlineData("trailing.", "")]
    public void ExtensionOf_IsLowerCaseWithItsDot(string name, string extension) => Assert.Equal(extension, FileNames.ExtensionOf(name));
}
