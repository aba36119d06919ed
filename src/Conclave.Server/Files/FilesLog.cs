namespace Conclave.Server.Files;

/// <summary>Log lines of files in chats, event ids 8200-8299 (docs/observability.md). Never a file's name or content.</summary>
internal static partial class FilesLog
{
    [LoggerMessage(EventId = 8200, Level = LogLevel.Information, Message = "File {FileId} ({Size} bytes, {ContentType}) uploaded to chat {ChatId} by {UploaderId}")]
    public static partial void Uploaded(ILogger logger, Guid fileId, long size, string contentType, Guid chatId, string uploaderId);

    [LoggerMessage(EventId = 8201, Level = LogLevel.Information, Message = "Upload to chat {ChatId} by {UploaderId} refused: {Code}")]
    public static partial void Refused(ILogger logger, Guid chatId, string uploaderId, string code);

    [LoggerMessage(EventId = 8202, Level = LogLevel.Warning, Message = "No text from a {Kind} file for DLP: {Reason}")]
    public static partial void NoText(ILogger logger, Domain.Files.FileKind kind, string reason);

    [LoggerMessage(EventId = 8203, Level = LogLevel.Error, Message = "Stored file {FileId} of chat {ChatId} does not decrypt or is missing")]
    public static partial void Unreadable(ILogger logger, Guid fileId, Guid chatId);
}
