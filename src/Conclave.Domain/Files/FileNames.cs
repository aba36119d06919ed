using System.Text;
using Conclave.Domain.Common;

namespace Conclave.Domain.Files;

/// <summary>The rules on a file's name as uploaded, and on a message's attachments.</summary>
public static class FileNames
{
    /// <summary>The longest name in UTF-16 code units: the usual file-system limit of 255.</summary>
    public const int MaxLength = 255;

    /// <summary>The most files one message carries.</summary>
    public const int MaxAttachments = 10;

    /// <summary>
    /// The name when it may be stored: not empty, at most <see cref="MaxLength"/>, no path separator, no control
    /// character or unpaired surrogate, not "." or ".."; else <c>file.invalid_name</c>. Never throws.
    /// </summary>
    public static Result<string> Check(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return FileErrors.InvalidName("A file needs a name (the X-File-Name header).");
        }

        if (name.Length > MaxLength)
        {
            return FileErrors.InvalidName($"A file name has at most {MaxLength} characters.");
        }

        if (name is "." or ".." || name.AsSpan().IndexOfAny('/', '\\') >= 0)
        {
            return FileErrors.InvalidName("A file name is a name, not a path.");
        }

        var rest = name.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || Rune.IsControl(rune))
            {
                return FileErrors.InvalidName("A file name holds a control character or an unpaired surrogate.");
            }

            rest = rest[consumed..];
        }

        return name.Trim();
    }

    /// <summary>The name's extension, lower case with its dot (".pdf"), or "" when it has none.</summary>
    public static string ExtensionOf(string name)
    {
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? "" : name[dot..].ToLowerInvariant();
    }
}
