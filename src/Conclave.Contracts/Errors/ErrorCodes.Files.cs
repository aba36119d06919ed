namespace Conclave.Contracts.Errors;

public static partial class ErrorCodes
{
    /// <summary>Files in chats and channels (/api/chats/{chatId}/files, attachments of messages).</summary>
    public static class File
    {
        public const string NotFound = "file.not_found";
        public const string TooLarge = "file.too_large";
        public const string Empty = "file.empty";
        public const string InvalidName = "file.invalid_name";
        public const string TypeMismatch = "file.type_mismatch";
        public const string UnsafeArchive = "file.unsafe_archive";
        public const string InvalidAttachment = "file.invalid_attachment";
        public const string TooManyAttachments = "file.too_many_attachments";

        public static IReadOnlyList<ErrorCodeInfo> Catalog { get; } =
        [
            new(NotFound, "404: the chat has no such file, or the message it was attached to was deleted."),
            new(TooLarge, "413: the file is larger than the server's limit (Conclave:Files:MaxBytes, 100 MB by default); nothing was stored."),
            new(Empty, "400: the upload holds no bytes; nothing was stored."),
            new(InvalidName, "400: the file name (X-File-Name, percent-encoded UTF-8) is missing, longer than 255 characters, holds a path separator or control characters, or is not valid UTF-8."),
            new(TypeMismatch, "400: the file's extension names another type than its content (e.g. report.pdf holding HTML or a program); nothing was stored."),
            new(UnsafeArchive, "400: the zip-based file (zip, docx, xlsx, pptx) expands past the server's limits (total size, compression ratio, entry count) or is not a readable zip; nothing was stored."),
            new(InvalidAttachment, "400: an attachment is not a file the sender uploaded to this chat, or it is attached to another message already."),
            new(TooManyAttachments, "400: a message has at most 10 attachments."),
        ];
    }
}
