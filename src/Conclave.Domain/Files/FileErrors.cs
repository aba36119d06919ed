using Conclave.Contracts.Errors;
using Conclave.Domain.Common;

namespace Conclave.Domain.Files;

/// <summary>The refusals of files in chats, with the status each maps to (ErrorCodes.File's catalog).</summary>
public static class FileErrors
{
    public static Error NotFound() => new(ErrorCodes.File.NotFound, "The chat has no such file.", ErrorKind.NotFound);

    public static Error TooLarge(long maxBytes) =>
        new(ErrorCodes.File.TooLarge, $"A file has at most {maxBytes:N0} bytes; nothing was stored.", ErrorKind.TooLarge);

    public static Error Empty() => new(ErrorCodes.File.Empty, "The upload holds no bytes; nothing was stored.");

    public static Error InvalidName(string why) => new(ErrorCodes.File.InvalidName, why);

    public static Error TypeMismatch(string extension, FileKind found) =>
        new(ErrorCodes.File.TypeMismatch, $"The name ends in '{extension}' but the content is {FileKinds.Describe(found)}; nothing was stored.");

    public static Error UnsafeArchive(string why) => new(ErrorCodes.File.UnsafeArchive, $"{why}; nothing was stored.");

    public static Error InvalidAttachment() =>
        new(ErrorCodes.File.InvalidAttachment, "An attachment is not a file you uploaded to this chat, or it is attached to another message already.");

    public static Error TooManyAttachments() =>
        new(ErrorCodes.File.TooManyAttachments, $"A message has at most {FileNames.MaxAttachments} attachments.");
}
