using System.Net;
using System.Net.Http.Json;
using System.Text;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Chat;
using Conclave.Server.Tests.Dlp;
using Conclave.Server.Tests.Fixtures;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;
using Xunit.Abstractions;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Files;

/// <summary>A server of its own: the DLP policies these tests make apply to the whole tenant.</summary>
public sealed class FilesDlpServerFixture : ServerFixture;

/// <summary>
/// DLP on uploaded files (docs/api.md, "Files"): the text of plain text, PDF and Word files goes through the same gate
/// as messages. A corpus of files with sensitive values and near misses, each with its expected verdict; the test
/// reports precision and recall and fails on any wrong verdict.
/// </summary>
public sealed class FilesDlpCorpusTests(FilesDlpServerFixture server, ITestOutputHelper output) : IClassFixture<FilesDlpServerFixture>
{
    private const string Card = "Credit Card Number";
    private const string Iban = "International Banking Account Number (IBAN)";
    private const string Ssn = "U.S. Social Security Number (SSN)";

    private static byte[] Txt(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(25, 700), font);
        return builder.Build();
    }

    private static byte[] Docx(string text)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(
                new Paragraph(new Run(new Text("Quarterly notes"))),
                new Paragraph(new Run(new Text(text)))));
        }

        return stream.ToArray();
    }

    /// <summary>Each file: its name, its bytes, and whether a policy blocking cards, IBANs and SSNs must refuse it.</summary>
    private static IEnumerable<(string Name, byte[] Content, bool Blocked)> Corpus()
    {
        const string visa = "Please charge card 4111 1111 1111 1111 for the order.";
        const string iban = "Wire the refund to IBAN GB82 WEST 1234 5698 7654 32 today.";
        const string ssn = "Employee SSN: 536-22-1234 for payroll.";
        yield return ("visa.txt", Txt(visa), true);
        yield return ("visa.pdf", Pdf(visa), true);
        yield return ("visa.docx", Docx(visa), true);
        yield return ("iban.txt", Txt(iban), true);
        yield return ("iban.pdf", Pdf(iban), true);
        yield return ("iban.docx", Docx(iban), true);
        yield return ("ssn.txt", Txt(ssn), true);
        yield return ("ssn.pdf", Pdf(ssn), true);
        yield return ("ssn.docx", Docx(ssn), true);
        yield return ("amex.md", Txt("Corporate card 3782 822463 10005 expires 2027."), true);
        yield return ("cards.csv", Txt("name,card\nAda,5555555555554444\n"), true);
        yield return ("german-iban.txt", Txt("Konto: DE89 3704 0044 0532 0130 00"), true);
        // Near misses: the same shapes with a failing check digit, numbers never issued, or no text to read.
        yield return ("luhn-fail.txt", Txt("Order 4111 1111 1111 1112 shipped."), false);
        yield return ("luhn-fail.pdf", Pdf("Order 4111 1111 1111 1112 shipped."), false);
        yield return ("iban-bad-check.txt", Txt("Reference GB82 WEST 1234 5698 7654 33 noted."), false);
        yield return ("iban-bad-check.docx", Docx("Reference GB82 WEST 1234 5698 7654 33 noted."), false);
        yield return ("ssn-area-000.txt", Txt("SSN: 000-12-3456 is not issued."), false);
        yield return ("ssn-sample.docx", Docx("The SSN on the sample card, 078-05-1120, was voided."), false);
        yield return ("memo.txt", Txt("Lunch at noon; bring the slides."), false);
        yield return ("memo.pdf", Pdf("Lunch at noon; bring the slides."), false);
        yield return ("memo.docx", Docx("Lunch at noon; bring the slides."), false);
        yield return ("phone.txt", Txt("Call +1 425 555 0100 or 425-555-0101."), false);
    }

    [Fact]
    public async Task Corpus_VerdictsMatch_AndPrecisionAndRecallAreReported()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Card, block: true));
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Iban, block: true));
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Ssn, block: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);

        int truePositive = 0, falsePositive = 0, falseNegative = 0, trueNegative = 0;
        var wrong = new List<string>();
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 20);
        foreach (var (name, content, blocked) in corpus)
        {
            using var response = await alice.UploadRawAsync(chat.ChatId, name, content);
            var refused = response.StatusCode == HttpStatusCode.Forbidden && await CodeOfAsync(response) == ErrorCodes.Dlp.Blocked;
            Assert.True(refused || response.StatusCode == HttpStatusCode.Created, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            (truePositive, falsePositive, falseNegative, trueNegative) = (refused, blocked) switch
            {
                (true, true) => (truePositive + 1, falsePositive, falseNegative, trueNegative),
                (true, false) => (truePositive, falsePositive + 1, falseNegative, trueNegative),
                (false, true) => (truePositive, falsePositive, falseNegative + 1, trueNegative),
                _ => (truePositive, falsePositive, falseNegative, trueNegative + 1),
            };
            if (refused != blocked)
            {
                wrong.Add($"{name}: expected {(blocked ? "blocked" : "stored")}");
            }
        }

        var precision = truePositive + falsePositive == 0 ? 1.0 : truePositive / (double)(truePositive + falsePositive);
        var recall = truePositive + falseNegative == 0 ? 1.0 : truePositive / (double)(truePositive + falseNegative);
        output.WriteLine($"DLP file corpus: {corpus.Count} files, TP {truePositive}, FP {falsePositive}, FN {falseNegative}, TN {trueNegative}; precision {precision:P1}, recall {recall:P1}");
        Assert.Empty(wrong);

        // Each refusal was audited as a file, never with its content.
        var audit = (await server.AuditAsync("action=dlp.content.block")).EnumerateArray()
            .Where(a => a.GetProperty("target").GetString() == chat.ChatId.ToString()).ToList();
        Assert.Equal(truePositive, audit.Count);
        Assert.All(audit, a => Assert.Equal("chat.file", a.GetProperty("details").GetProperty("content").GetString()));
        Assert.DoesNotContain(audit, a => a.GetRawText().Contains("4111", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BlockWithOverride_NeedsAJustification_ThenStoresTheFile_AuditedWithIt()
    {
        await using var admin = await DlpAdmin.SignInAsync(server);
        await admin.PolicyAsync("Enable", DlpAdmin.Rule(Iban, block: true, allowOverride: true));
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var content = Pdf("Refund to NL91 ABNA 0417 1643 00 please.");

        using (var held = await alice.UploadRawAsync(chat.ChatId, "refund.pdf", content))
        {
            await AssertRefusedAsync(held, HttpStatusCode.Forbidden, ErrorCodes.Dlp.JustificationRequired);
        }

        using var stored = await alice.UploadRawAsync(chat.ChatId, "refund.pdf", content, justification: "The customer asked for this refund.");
        Assert.Equal(HttpStatusCode.Created, stored.StatusCode);
        var file = (await stored.Content.ReadFromJsonAsync<ChatFileView>())!;
        Assert.Equal("BlockWithOverride", file.PolicyTip!.Action);
        var audit = (await server.AuditAsync("action=dlp.content.override")).EnumerateArray()
            .Single(a => a.GetProperty("target").GetString() == chat.ChatId.ToString());
        Assert.Equal("The customer asked for this refund.", audit.GetProperty("details").GetProperty("justification").GetString());
    }
}
