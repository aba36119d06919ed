using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Conclave.Contracts.Api;
using Conclave.Server.Tests.Chat;

namespace Conclave.Server.Tests.Files;

/// <summary>Uploads and downloads of chat files as a client makes them, and the files tests build.</summary>
public static class FileUploads
{
    public static async Task<HttpResponseMessage> UploadRawAsync(this ChatPerson person, Guid chatId, string name, byte[] content, bool chunked = false, string? justification = null)
    {
        HttpContent body = chunked ? new ChunkedContent(content) : new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/chats/{chatId}/files") { Content = body };
        request.Headers.Add(FileHeaders.FileName, Uri.EscapeDataString(name));
        if (justification is not null)
        {
            request.Headers.Add(FileHeaders.OverrideJustification, Uri.EscapeDataString(justification));
        }

        return await person.Http.SendAsync(request);
    }

    public static async Task<ChatFileView> UploadAsync(this ChatPerson person, Guid chatId, string name, byte[] content)
    {
        using var response = await person.UploadRawAsync(chatId, name, content);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ChatFileView>())!;
    }

    public static async Task<MessageView> SendWithAsync(this ChatPerson person, Guid chatId, string text, params Guid[] files)
    {
        using var response = await person.SendRawAsync(chatId, new SendMessageRequest(Guid.NewGuid(), text, null, null, null, files));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<MessageView>())!;
    }

    /// <summary>Lines of text with <paramref name="marker"/> in them, about <paramref name="bytes"/> long.</summary>
    public static byte[] Text(string marker, int bytes)
    {
        var text = new StringBuilder();
        for (var line = 0; text.Length < bytes; line++)
        {
            text.Append(line).Append(' ').Append(marker).Append(" lorem ipsum dolor sit amet\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return output.ToArray();
    }

    /// <summary>Every file under <paramref name="folder"/> and its bytes.</summary>
    public static IEnumerable<(string Path, byte[] Bytes)> FilesUnder(string folder) =>
        System.IO.Directory.Exists(folder)
            ? System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Select(p => (p, File.ReadAllBytes(p)))
            : [];

    public static bool Holds(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    /// <summary>A body without a length: sent chunked, as a client streaming from a pipe does.</summary>
    private sealed class ChunkedContent(byte[] content) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var at = 0; at < content.Length; at += 8192)
            {
                await stream.WriteAsync(content.AsMemory(at, Math.Min(8192, content.Length - at)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
