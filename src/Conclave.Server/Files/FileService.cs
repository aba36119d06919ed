using System.Security.Cryptography;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Files;
using Conclave.Server.Audit;
using Conclave.Server.Chat;
using Conclave.Server.Content;
using Conclave.Server.Dlp;
using Conclave.Server.Storage;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Files;

/// <summary>
/// Files uploaded to chats. An upload is streamed chunk by chunk: each chunk is hashed, sealed and written to the
/// store's new upload, never held whole in memory nor written in plaintext. Only after every check has passed (size,
/// sniffed type against the name, archive bounds, DLP over the extracted text) is it moved into place and its record
/// committed, with the DLP audit record in the same transaction; any refusal leaves nothing stored.
/// </summary>
public sealed class FileService(
    ConclaveDbContext db,
    ChatService chats,
    ChatReader reader,
    ChatFileAccess access,
    IFileStore store,
    IContentProtector protector,
    IAuditLog audit,
    DlpGate dlp,
    IOptions<ChatFileOptions> options,
    TimeProvider time,
    ILogger<FileService> logger)
{
    /// <summary>What DLP calls a file, in its audit records.</summary>
    public const string DlpContentKind = "chat.file";

    /// <summary>An upload's content and what the client said about it.</summary>
    /// <param name="Name">The file name as given (X-File-Name, decoded).</param>
    /// <param name="DeclaredLength">The Content-Length, when given: a larger one is refused before a byte is read.</param>
    /// <param name="Body">The request body.</param>
    /// <param name="Justification">The sender's DLP override justification, if any.</param>
    public sealed record Incoming(string? Name, long? DeclaredLength, Stream Body, string? Justification);

    /// <summary>Stores a file in the chat for the caller to attach to a message; else <c>chat.*</c>, <c>file.*</c> or <c>dlp.*</c>, nothing stored.</summary>
    public async Task<Result<ChatFileView>> UploadAsync(ChatCaller caller, Guid chatId, Incoming incoming, CancellationToken cancellationToken)
    {
        var uploaded = await StoreAsync(caller, chatId, incoming, cancellationToken);
        if (!uploaded.IsSuccess)
        {
            FilesLog.Refused(logger, chatId, caller.UserId, uploaded.Error.Code);
        }

        return uploaded;
    }

    /// <summary>The file's record and its plaintext as a seekable stream, when <see cref="ChatFileAccess"/> allows the caller.</summary>
    public async Task<Result<(ChatFileView View, Stream Content)>> OpenAsync(
        ChatCaller caller, Guid chatId, Guid fileId, CancellationToken cancellationToken)
    {
        var decided = await access.DecideAsync(caller, chatId, fileId, cancellationToken);
        if (!decided.IsSuccess)
        {
            return decided.Error;
        }

        var file = decided.Value;
        var stored = store.OpenRead(file.Id);
        var content = stored is null ? null : ProtectedFileStream.Open(stored, protector, reader.TenantId, file.Id, file.Size);
        if (content is null)
        {
            FilesLog.Unreadable(logger, file.Id, chatId);
            return FileErrors.NotFound();
        }

        return (await reader.FileViewAsync(file, cancellationToken), content);
    }

    private async Task<Result<ChatFileView>> StoreAsync(ChatCaller caller, Guid chatId, Incoming incoming, CancellationToken cancellationToken)
    {
        var name = FileNames.Check(incoming.Name);
        if (!name.IsSuccess)
        {
            return name.Error;
        }

        if (await chats.CheckWritableAsync(caller, chatId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var limits = options.Value;
        if (incoming.DeclaredLength > limits.MaxBytes)
        {
            return FileErrors.TooLarge(limits.MaxBytes);
        }

        var fileId = Guid.NewGuid();
        using var upload = store.BeginUpload();
        var written = await WriteAsync(incoming.Body, upload.Content, fileId, limits, cancellationToken);
        if (!written.IsSuccess)
        {
            return written.Error;
        }

        var (size, sha256, head) = written.Value;
        using var plaintext = ProtectedFileStream.Open(new NonClosing(upload.Content), protector, reader.TenantId, fileId, size)
            ?? throw new InvalidOperationException("An upload just written does not read back.");
        var kind = ContentSniffer.Sniff(head);
        if (kind == FileKind.Zip)
        {
            var inspected = ZipInspector.Inspect(plaintext, limits, cancellationToken);
            if (!inspected.IsSuccess)
            {
                return inspected.Error;
            }

            kind = inspected.Value;
        }

        var extension = FileNames.ExtensionOf(name.Value);
        if (!FileKinds.Fits(extension, kind))
        {
            return FileErrors.TypeMismatch(extension, kind);
        }

        var check = await CheckContentAsync(caller, chatId, kind, plaintext, incoming.Justification, limits, cancellationToken);
        if (check.Refusal is { } blocked)
        {
            return blocked;
        }

        var record = new ChatFileRecord
        {
            Id = fileId,
            ChatId = chatId,
            UploaderId = caller.UserId,
            Size = size,
            ContentType = FileKinds.MediaType(kind),
            Sha256 = sha256,
            CreatedAt = time.GetUtcNow(),
            ProtectedName = ChatFileContent.ProtectName(protector, reader.TenantId, fileId, name.Value),
        };
        await using (var transaction = await WriteTransaction.BeginAsync(db, cancellationToken))
        {
            db.ChatFiles.Add(record);
            if (check.Audit is not null)
            {
                audit.Stage(db, check.Audit);
            }

            await db.SaveChangesAsync(cancellationToken);
            upload.Commit(fileId);
            try
            {
                await transaction.CommitAsync(cancellationToken);
            }
            catch
            {
                store.Delete(fileId);
                throw;
            }

            if (check.Audit is not null)
            {
                audit.Committed(check.Audit);
            }
        }

        FilesLog.Uploaded(logger, fileId, size, record.ContentType, chatId, caller.UserId);
        return await reader.FileViewAsync(record, cancellationToken) with { PolicyTip = check.Tip };
    }

    /// <summary>
    /// Streams <paramref name="body"/> into <paramref name="output"/> chunk by chunk, holding back one chunk so that the
    /// last is known when it is sealed. Answers the plaintext length, its SHA-256 and its first bytes (for sniffing);
    /// else <c>file.empty</c> or <c>file.too_large</c> as soon as the limit is passed.
    /// </summary>
    private async Task<Result<(long Size, byte[] Sha256, byte[] Head)>> WriteAsync(
        Stream body, Stream output, Guid fileId, ChatFileOptions limits, CancellationToken cancellationToken)
    {
        var current = new byte[limits.ChunkBytes];
        var next = new byte[limits.ChunkBytes];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            var currentLength = await body.ReadAtLeastAsync(current, current.Length, throwOnEndOfStream: false, cancellationToken);
            if (currentLength == 0)
            {
                return FileErrors.Empty();
            }

            var head = current.AsSpan(0, Math.Min(currentLength, ContentSniffer.HeadLength)).ToArray();
            ProtectedFileFormat.WriteHeader(output, limits.ChunkBytes, 0);
            long size = 0;
            for (long index = 0; ; index++)
            {
                size += currentLength;
                if (size > limits.MaxBytes)
                {
                    return FileErrors.TooLarge(limits.MaxBytes);
                }

                // A short read means the body ended: this chunk is the last without reading on.
                var nextLength = currentLength < current.Length ? 0
                    : await body.ReadAtLeastAsync(next, next.Length, throwOnEndOfStream: false, cancellationToken);
                var last = nextLength == 0;
                hash.AppendData(current, 0, currentLength);
                await ProtectedFileFormat.WriteChunkAsync(
                    output, protector, reader.TenantId, fileId, index, last, current.AsMemory(0, currentLength), cancellationToken);
                if (last)
                {
                    break;
                }

                (current, next) = (next, current);
                currentLength = nextLength;
            }

            ProtectedFileFormat.WriteHeader(output, limits.ChunkBytes, size);
            await output.FlushAsync(cancellationToken);
            return (size, hash.GetHashAndReset(), head);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            // The server's own body limit stopped the read (a body without Content-Length, or one that lied).
            return FileErrors.TooLarge(limits.MaxBytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(current);
            CryptographicOperations.ZeroMemory(next);
        }
    }

    /// <summary>The DLP gate's answer for the file's text, as for a message (ChatService.CheckContentAsync): a refusal is audited here.</summary>
    private async Task<DlpCheck> CheckContentAsync(
        ChatCaller caller, Guid chatId, FileKind kind, Stream plaintext, string? justification, ChatFileOptions limits, CancellationToken cancellationToken)
    {
        var extraction = Task.Run(() => FileText.Extract(kind, plaintext, limits.MaxExtractedCharacters, limits.ExtractionTimeout), cancellationToken);
        FileText.Extraction extracted;
        try
        {
            // A parser stuck inside one page is left behind; DLP gets no text from it.
            extracted = await extraction.WaitAsync(limits.ExtractionTimeout * 2, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            extracted = new FileText.Extraction("", "time limit reached inside the parser");
        }

        if (extracted.Problem is { } problem)
        {
            FilesLog.NoText(logger, kind, problem);
        }

        var check = await dlp.CheckAsync(
            new DlpContent(DlpContentKind, chatId, caller.UserId, caller.Upn, caller.From, extracted.Text, justification),
            token => chats.SharedOutsideOrganizationAsync(chatId, token),
            cancellationToken);
        if (check.Refusal is not null)
        {
            await audit.RecordAsync(check.Audit!, cancellationToken);
        }

        return check;
    }

    /// <summary>The upload's stream seen through the reader without the reader closing it (the upload owns it).</summary>
    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
