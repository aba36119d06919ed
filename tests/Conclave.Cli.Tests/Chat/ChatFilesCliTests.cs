using System.Security.Cryptography;
using System.Text.Json;
using Conclave.Cli.Tests.Calls;
using Conclave.Client.Api;
using Conclave.Client.Chat;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Tests.Chat;

/// <summary><c>conclave chat send --file</c> and <c>conclave chat download</c> against the real server, and the client calls beneath them.</summary>
[Collection(CallCollection.Name)]
public sealed class ChatFilesCliTests(CallServerFixture server) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CliHarness _cli = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("conclave-files-").FullName;

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SendFile_ThenDownload_RoundTrips_WithProgress_AndMeaningfulExitCodes()
    {
        var aliceUpn = await server.CreateUserAsync("alice");
        var bobUpn = await server.CreateUserAsync("bob");
        using var bob = await server.SignInAsync(bobUpn);
        var login = await _cli.RunWithInputAsync(
            CallServerFixture.Password + "\n", "login", "--server", server.Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority), "--user", aliceUpn, "--password-stdin");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());

        // 3 MB of text: large enough to show progress, streamed in both directions.
        var content = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 120_000).Select(i => $"line {i:D6} of the report\n")));
        var path = Path.Combine(_folder, "report.txt");
        await File.WriteAllBytesAsync(path, content);

        var sent = await _cli.RunAsync("chat", "send", bobUpn, "--file", path, "-o", "json");
        Assert.True(sent.ExitCode == ExitCodes.Ok, sent.ToString());
        Assert.Contains("Uploading report.txt: done (3,120,000 bytes)", sent.Stderr, StringComparison.Ordinal);
        var message = JsonDocument.Parse(sent.Stdout).RootElement;
        var chatId = message.GetProperty("chatId").GetGuid();
        var attachment = message.GetProperty("attachments")[0];
        Assert.Equal(("report.txt", "report.txt"), (attachment.GetProperty("name").GetString(), message.GetProperty("text").GetString()));
        var fileId = attachment.GetProperty("fileId").GetGuid();

        // Bob's client downloads it through the SDK; alice's CLI into a folder, under the file's own name.
        using (var received = new MemoryStream())
        {
            var (name, bytes) = await new ChatApi(bob.Api).DownloadFileAsync(chatId, fileId, received, null, None);
            Assert.Equal(("report.txt", (long)content.Length), (name, bytes));
            Assert.Equal(SHA256.HashData(content), SHA256.HashData(received.ToArray()));
        }

        var into = Directory.CreateDirectory(Path.Combine(_folder, "downloads")).FullName;
        var download = await _cli.RunAsync("chat", "download", chatId.ToString("D"), fileId.ToString("D"), "--output", into);
        Assert.True(download.ExitCode == ExitCodes.Ok, download.ToString());
        Assert.Contains("Downloading: done", download.Stderr, StringComparison.Ordinal);
        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(into, "report.txt")));

        // Again into the same place: the file is there, nothing is overwritten and no partial file is left.
        var again = await _cli.RunAsync("chat", "download", chatId.ToString("D"), fileId.ToString("D"), "--output", into);
        Assert.Equal(ExitCodes.Usage, again.ExitCode);
        Assert.Single(Directory.GetFiles(into));

        var missing = await _cli.RunAsync("chat", "send", bobUpn, "--file", Path.Combine(_folder, "nope.txt"));
        Assert.Equal(ExitCodes.Usage, missing.ExitCode);
        var unknown = await _cli.RunAsync("chat", "download", chatId.ToString("D"), Guid.NewGuid().ToString("D"), "--output", Path.Combine(_folder, "x.bin"));
        Assert.Equal(ExitCodes.Refused, unknown.ExitCode);
        Assert.Contains("file.not_found", unknown.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "x.bin")));
        Assert.Empty(Directory.GetFiles(_folder, ".conclave-download-*"));

        var lie = Path.Combine(_folder, "invoice.pdf");
        await File.WriteAllTextAsync(lie, "<html><body>not a pdf</body></html>");
        var refused = await _cli.RunAsync("chat", "send", bobUpn, "--file", lie);
        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.Contains("file.type_mismatch", refused.Stderr, StringComparison.Ordinal);

        var help = await _cli.RunAsync("chat", "download", "--help");
        Assert.Contains("--output", help.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_UploadReportsProgress_AndARefusalIsAnApiProblem()
    {
        var aliceUpn = await server.CreateUserAsync("alice");
        var bobUpn = await server.CreateUserAsync("bob");
        using var alice = await server.SignInAsync(aliceUpn);
        var api = new ChatApi(alice.Api);
        var chat = await api.CreateAsync(ChatKindNames.Group, [bobUpn], "files", None);
        var reported = new List<long>();
        var progress = new SynchronousProgress(reported);
        using var content = new MemoryStream(new byte[300_000]);
        var file = await api.UploadFileAsync(chat.ChatId, "zeros.bin", content, progress, null, None);
        Assert.Equal((300_000L, "application/octet-stream"), (file.Size, file.ContentType));
        Assert.Equal(300_000L, reported[^1]);
        Assert.True(reported.Count > 1);

        using var empty = new MemoryStream();
        var refused = await Assert.ThrowsAsync<ApiProblemException>(() => api.UploadFileAsync(chat.ChatId, "empty.txt", empty, null, null, None));
        Assert.Equal((400, "file.empty"), (refused.StatusCode, refused.Code));
    }

    private sealed class SynchronousProgress(List<long> reported) : IProgress<long>
    {
        public void Report(long value) => reported.Add(value);
    }
}
