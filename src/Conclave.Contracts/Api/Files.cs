namespace Conclave.Contracts.Api;

// /api/chats/{chatId}/files (docs/api.md, "Files"): files uploaded to a chat or channel, then attached to a message.
// The upload is the raw request body (Content-Type: application/octet-stream) with the file name in the X-File-Name
// header, percent-encoded UTF-8; the server sniffs the content type from the bytes and never trusts the client's.

/// <summary>The request headers of an upload.</summary>
public static class FileHeaders
{
    /// <summary>The file's name, percent-encoded UTF-8 (RFC 3986), e.g. <c>Quarterly%20report.pdf</c>.</summary>
    public const string FileName = "X-File-Name";

    /// <summary>The sender's business justification for a file that a DLP rule holds (<c>dlp.justification_required</c>), percent-encoded UTF-8.</summary>
    public const string OverrideJustification = "X-Override-Justification";
}

/// <summary>
/// A file of a chat: its <paramref name="Name"/> as uploaded, its <paramref name="Size"/> in bytes, the
/// <paramref name="ContentType"/> the server found in its bytes, the SHA-256 of its content (hex), and the message it
/// is attached to (null until it is attached).
/// </summary>
public sealed record ChatFileView(
    Guid FileId,
    Guid ChatId,
    string Name,
    long Size,
    string ContentType,
    string Sha256,
    string UploaderUpn,
    DateTimeOffset CreatedAt,
    Guid? MessageId) : ApiView
{
    /// <summary>What DLP told the uploader about this file: only in the uploader's own answer to the upload.</summary>
    public DlpPolicyTip? PolicyTip { get; init; }
}
