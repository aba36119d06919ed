using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Chat;
using Conclave.Server.Tests.Fixtures;
using static Conclave.Server.Tests.Chat.ProblemCodes;

namespace Conclave.Server.Tests.Files;

/// <summary>A server with small limits, so that the limits are reached with small files: 1 MiB a file, 4 KiB chunks, 100 entries a zip.</summary>
public sealed class SmallFilesServerFixture : ServerFixture
{
    public const long MaxBytes = 1024 * 1024;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Files:MaxBytes"] = MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Conclave:Files:ChunkBytes"] = "4096",
        ["Conclave:Files:MaxArchiveEntries"] = "100",
        // Below the file limit: the upload endpoint's own limit must lift it.
        ["Conclave:Server:MaxRequestBodyBytes"] = "65536",
    };

    public string FilesFolder => Path.Combine(DataPath, "data", "files");
}

/// <summary>/api/chats/{chatId}/files (docs/api.md, "Files"): upload, attach, download, and every refusal leaving nothing stored.</summary>
public sealed class FilesApiTests(SmallFilesServerFixture server) : IClassFixture<SmallFilesServerFixture>
{
    [Fact]
    public async Task Upload_Attach_Download_RoundTrip_ForEveryMember()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var content = FileUploads.Text("round-trip", 50_000);

        var file = await alice.UploadAsync(chat.ChatId, "Notes für Q3.txt", content);
        Assert.Equal(("Notes für Q3.txt", (long)content.Length, "text/plain", Convert.ToHexStringLower(SHA256.HashData(content)), alice.Upn, (Guid?)null),
            (file.Name, file.Size, file.ContentType, file.Sha256, file.UploaderUpn, file.MessageId));

        // Before it is attached, the file is the uploader's alone.
        using (var early = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/files/{file.FileId}"))
        {
            await AssertRefusedAsync(early, HttpStatusCode.NotFound, ErrorCodes.File.NotFound);
        }

        var sent = await alice.SendWithAsync(chat.ChatId, "the notes", file.FileId);
        Assert.Equal((file.FileId, "Notes für Q3.txt", sent.MessageId), (sent.Attachments.Single().FileId, sent.Attachments.Single().Name, sent.Attachments.Single().MessageId));
        var seen = (await bob.EventsAsync(chat.ChatId)).Events.Single(e => e.Message is not null).Message!;
        Assert.Equal(file.FileId, seen.Attachments.Single().FileId);

        using var download = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/files/{file.FileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", download.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Notes für Q3.txt", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());

        // A range, across a chunk boundary (4 KiB chunks), decrypts only what it needs.
        using var range = new HttpRequestMessage(HttpMethod.Get, $"/api/chats/{chat.ChatId}/files/{file.FileId}");
        range.Headers.Range = new RangeHeaderValue(4000, 9000);
        using var partial = await bob.Http.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(content[4000..9001], await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task AtRest_NeitherTheContentNorTheName_IsInPlaintext_AndNoUploadIsLeftBehind()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var marker = "at-rest-marker-" + Guid.NewGuid().ToString("N");
        var name = "secret-name-" + Guid.NewGuid().ToString("N") + ".txt";
        await alice.UploadAsync(chat.ChatId, name, FileUploads.Text(marker, 20_000));

        var stored = FileUploads.FilesUnder(server.FilesFolder).ToList();
        Assert.NotEmpty(stored);
        Assert.Empty(FileUploads.FilesUnder(Path.Combine(server.FilesFolder, ".incoming")));
        // Every file of the data folder: the stored files and the database (with its WAL).
        foreach (var (path, bytes) in FileUploads.FilesUnder(server.DataPath))
        {
            Assert.False(FileUploads.Holds(bytes, Encoding.UTF8.GetBytes(marker)), $"{path} holds the content");
            Assert.False(FileUploads.Holds(bytes, Encoding.UTF8.GetBytes(name)), $"{path} holds the name");
        }
    }

    [Fact]
    public async Task NonMember_IsRefused_BothWays_AndAFileOfAnotherChat_IsNotFound()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        using var carol = await ChatPerson.NewAsync(server, "carol");
        var chat = await alice.CreateGroupAsync(bob);
        var other = await alice.CreateGroupAsync(carol);
        var file = await alice.UploadAsync(chat.ChatId, "a.txt", FileUploads.Text("x", 100));
        await alice.SendWithAsync(chat.ChatId, "here", file.FileId);

        using (var upload = await carol.UploadRawAsync(chat.ChatId, "b.txt", FileUploads.Text("y", 100)))
        {
            await AssertRefusedAsync(upload, HttpStatusCode.Forbidden, ErrorCodes.Chat.NotMember);
        }

        using (var download = await carol.Http.GetAsync($"/api/chats/{chat.ChatId}/files/{file.FileId}"))
        {
            await AssertRefusedAsync(download, HttpStatusCode.Forbidden, ErrorCodes.Chat.NotMember);
        }

        using (var elsewhere = await carol.Http.GetAsync($"/api/chats/{other.ChatId}/files/{file.FileId}"))
        {
            await AssertRefusedAsync(elsewhere, HttpStatusCode.NotFound, ErrorCodes.File.NotFound);
        }

        using var garbage = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/files/not-a-guid");
        await AssertRefusedAsync(garbage, HttpStatusCode.NotFound, ErrorCodes.File.NotFound);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OverTheLimit_Is413_AndNothingIsOnDisk(bool chunked)
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var before = FileUploads.FilesUnder(server.FilesFolder).Count();

        using (var exact = await alice.UploadRawAsync(chat.ChatId, "exact.bin", new byte[SmallFilesServerFixture.MaxBytes], chunked))
        {
            Assert.True(exact.StatusCode == HttpStatusCode.Created, await exact.Content.ReadAsStringAsync());
        }

        using (var over = await alice.UploadRawAsync(chat.ChatId, "over.bin", new byte[SmallFilesServerFixture.MaxBytes + 1], chunked))
        {
            await AssertRefusedAsync(over, HttpStatusCode.RequestEntityTooLarge, ErrorCodes.File.TooLarge);
        }

        Assert.Equal(before + 1, FileUploads.FilesUnder(server.FilesFolder).Count());
        Assert.Empty(FileUploads.FilesUnder(Path.Combine(server.FilesFolder, ".incoming")));
    }

    [Theory]
    [InlineData("report.pdf", "<!DOCTYPE html><html><body>not a pdf</body></html>")]
    [InlineData("report.pdf", "MZ\u0090\u0000program")]
    [InlineData("photo.png", "%PDF-1.7\n%fake")]
    [InlineData("notes.txt", "\u007fELF\u0002\u0001\u0001")]
    [InlineData("slides.pptx", "plain words, no zip")]
    public async Task AnExtensionThatLies_IsRefused_AndNothingIsStored(string name, string content)
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var before = FileUploads.FilesUnder(server.FilesFolder).Count();

        using var refused = await alice.UploadRawAsync(chat.ChatId, name, Encoding.Latin1.GetBytes(content));
        await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.File.TypeMismatch);
        Assert.Equal(before, FileUploads.FilesUnder(server.FilesFolder).Count());
    }

    [Fact]
    public async Task ZipBombs_AreRefused_ByBytesActuallyInflated_AndByEntryCount()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var before = FileUploads.FilesUnder(server.FilesFolder).Count();

        var zeros = FileUploads.Zip(("zeros.bin", new byte[8 * 1024 * 1024]));
        Assert.True(zeros.Length < 64 * 1024, $"{zeros.Length} bytes");
        using (var bomb = await alice.UploadRawAsync(chat.ChatId, "data.zip", zeros))
        {
            await AssertRefusedAsync(bomb, HttpStatusCode.BadRequest, ErrorCodes.File.UnsafeArchive);
        }

        // The same bomb dressed as a Word document.
        var docx = FileUploads.Zip(("[Content_Types].xml", "<Types/>"u8.ToArray()), ("word/document.xml", new byte[8 * 1024 * 1024]));
        using (var dressed = await alice.UploadRawAsync(chat.ChatId, "cv.docx", docx))
        {
            await AssertRefusedAsync(dressed, HttpStatusCode.BadRequest, ErrorCodes.File.UnsafeArchive);
        }

        var many = FileUploads.Zip([.. Enumerable.Range(0, 101).Select(i => ($"e{i}.txt", "x"u8.ToArray()))]);
        using (var crowded = await alice.UploadRawAsync(chat.ChatId, "many.zip", many))
        {
            await AssertRefusedAsync(crowded, HttpStatusCode.BadRequest, ErrorCodes.File.UnsafeArchive);
        }

        using (var broken = await alice.UploadRawAsync(chat.ChatId, "broken.zip", [.. zeros.AsSpan(0, zeros.Length / 2)]))
        {
            await AssertRefusedAsync(broken, HttpStatusCode.BadRequest, ErrorCodes.File.UnsafeArchive);
        }

        // A zip inside a zip is carried as it is, never expanded: the outer one is small and fine.
        var nested = FileUploads.Zip(("inner.zip", zeros), ("readme.txt", "hello"u8.ToArray()));
        var kept = await alice.UploadAsync(chat.ChatId, "nested.zip", nested);
        Assert.Equal("application/zip", kept.ContentType);
        Assert.Equal(before + 1, FileUploads.FilesUnder(server.FilesFolder).Count());
    }

    [Theory]
    [InlineData("page.html", "<html><body><script>alert(document.cookie)</script></body></html>", "text/html")]
    [InlineData("logo.svg", "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "image/svg+xml")]
    [InlineData("data", "\u0001\u0002\u0003\u0000binary", "application/octet-stream")]
    public async Task Markup_AndUnknown_AreServedAsOctetStreamAttachments(string name, string content, string sniffed)
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var file = await alice.UploadAsync(chat.ChatId, name, Encoding.Latin1.GetBytes(content));
        Assert.Equal(sniffed, file.ContentType);
        await alice.SendWithAsync(chat.ChatId, "look", file.FileId);

        using var download = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/files/{file.FileId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/octet-stream", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("sandbox", download.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Attachments_AreTheSendersOwnUnattachedFilesOfTheChat_AtMostTen_AndGoWithADeletedMessage()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        var other = await alice.CreateGroupAsync(bob);
        var mine = await alice.UploadAsync(chat.ChatId, "mine.txt", FileUploads.Text("m", 100));
        var bobs = await bob.UploadAsync(chat.ChatId, "bobs.txt", FileUploads.Text("b", 100));

        async Task RefusedAsync(Guid chatId, string code, params Guid[] files)
        {
            using var refused = await alice.SendRawAsync(chatId, new SendMessageRequest(Guid.NewGuid(), "with files", null, null, null, files));
            await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, code);
        }

        await RefusedAsync(chat.ChatId, ErrorCodes.File.InvalidAttachment, bobs.FileId);
        await RefusedAsync(other.ChatId, ErrorCodes.File.InvalidAttachment, mine.FileId);
        await RefusedAsync(chat.ChatId, ErrorCodes.File.InvalidAttachment, Guid.NewGuid());
        await RefusedAsync(chat.ChatId, ErrorCodes.File.TooManyAttachments, [.. Enumerable.Range(0, 11).Select(_ => Guid.NewGuid())]);
        // A refused send stored nothing: no message, and the file is still free to attach.
        Assert.DoesNotContain((await bob.EventsAsync(chat.ChatId)).Events, e => e.Message is not null);

        var sent = await alice.SendWithAsync(chat.ChatId, "attached", mine.FileId);
        await RefusedAsync(chat.ChatId, ErrorCodes.File.InvalidAttachment, mine.FileId);

        using (var deleted = await alice.Http.DeleteAsync($"/api/chats/{chat.ChatId}/messages/{sent.MessageId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using var gone = await bob.Http.GetAsync($"/api/chats/{chat.ChatId}/files/{mine.FileId}");
        await AssertRefusedAsync(gone, HttpStatusCode.NotFound, ErrorCodes.File.NotFound);
        var tombstone = (await bob.EventsAsync(chat.ChatId)).Events.Last(e => e.Message is not null).Message!;
        Assert.Equal((true, 0), (tombstone.Deleted, tombstone.Attachments.Count));
    }

    [Fact]
    public async Task BadNames_AndEmptyFiles_AreRefused()
    {
        using var alice = await ChatPerson.NewAsync(server, "alice");
        using var bob = await ChatPerson.NewAsync(server, "bob");
        var chat = await alice.CreateGroupAsync(bob);
        foreach (var name in new[] { "", "../etc/passwd", "a\u0001b.txt", new string('a', 256) })
        {
            using var refused = await alice.UploadRawAsync(chat.ChatId, name, "hello"u8.ToArray());
            await AssertRefusedAsync(refused, HttpStatusCode.BadRequest, ErrorCodes.File.InvalidName);
        }

        using var empty = await alice.UploadRawAsync(chat.ChatId, "empty.txt", []);
        await AssertRefusedAsync(empty, HttpStatusCode.BadRequest, ErrorCodes.File.Empty);
    }
}
