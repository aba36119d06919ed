namespace Conclave.Domain.Files;

/// <summary>What a file's bytes are, as <see cref="ContentSniffer"/> finds it (never what the client says).</summary>
public enum FileKind
{
    /// <summary>Nothing recognised: served as application/octet-stream.</summary>
    Unknown,
    Pdf,
    Png,
    Jpeg,
    Gif,
    WebP,

    /// <summary>A zip archive that is not an Office Open XML document.</summary>
    Zip,
    Docx,
    Xlsx,
    Pptx,

    /// <summary>UTF-8 text (or ASCII) without NUL bytes or markup at its start.</summary>
    Text,
    Html,
    Svg,
    Xml,

    /// <summary>A program: a Windows PE (MZ), an ELF or a Mach-O binary.</summary>
    Executable,
}

/// <summary>The media types and names of <see cref="FileKind"/>, and the extensions that may name each.</summary>
public static class FileKinds
{
    public const string OctetStream = "application/octet-stream";

    /// <summary>The media type the sniffed kind is recorded with.</summary>
    public static string MediaType(FileKind kind) => kind switch
    {
        FileKind.Pdf => "application/pdf",
        FileKind.Png => "image/png",
        FileKind.Jpeg => "image/jpeg",
        FileKind.Gif => "image/gif",
        FileKind.WebP => "image/webp",
        FileKind.Zip => "application/zip",
        FileKind.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileKind.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        FileKind.Pptx => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        FileKind.Text => "text/plain",
        FileKind.Html => "text/html",
        FileKind.Svg => "image/svg+xml",
        FileKind.Xml => "application/xml",
        FileKind.Executable => "application/x-executable",
        _ => OctetStream,
    };

    /// <summary>
    /// The kind of a recorded media type (the inverse of <see cref="MediaType"/>); <see cref="FileKind.Unknown"/> for
    /// anything else.
    /// </summary>
    public static FileKind FromMediaType(string mediaType) =>
        Enum.GetValues<FileKind>().FirstOrDefault(k => k != FileKind.Unknown && MediaType(k) == mediaType);

    /// <summary>
    /// The Content-Type a download is served with. Markup (HTML, SVG, XML), programs and anything unknown are served as
    /// application/octet-stream, so that no browser renders or runs them from the server's origin; text carries its
    /// charset so that it is never sniffed as something else.
    /// </summary>
    public static string ServedType(FileKind kind) => kind switch
    {
        FileKind.Pdf or FileKind.Png or FileKind.Jpeg or FileKind.Gif or FileKind.WebP or FileKind.Zip
            or FileKind.Docx or FileKind.Xlsx or FileKind.Pptx => MediaType(kind),
        FileKind.Text => "text/plain; charset=utf-8",
        _ => OctetStream,
    };

    /// <summary>How a refusal names the kind.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Unknown => "of an unknown type",
        FileKind.Executable => "a program",
        FileKind.Text => "plain text",
        _ => $"{kind.ToString().ToUpperInvariant()}",
    };

    private static readonly FileKind[] TextLike = [FileKind.Text, FileKind.Html, FileKind.Xml, FileKind.Svg];

    /// <summary>
    /// The kinds a name with <paramref name="extension"/> may hold; null for an extension this list does not know
    /// (any content goes, and is served by its sniffed kind). A zip may hold an Office document (it is one).
    /// </summary>
    public static IReadOnlyList<FileKind>? AllowedFor(string extension) => extension switch
    {
        ".pdf" => [FileKind.Pdf],
        ".png" => [FileKind.Png],
        ".jpg" or ".jpeg" or ".jpe" => [FileKind.Jpeg],
        ".gif" => [FileKind.Gif],
        ".webp" => [FileKind.WebP],
        ".zip" => [FileKind.Zip, FileKind.Docx, FileKind.Xlsx, FileKind.Pptx],
        ".docx" or ".docm" => [FileKind.Docx],
        ".xlsx" or ".xlsm" => [FileKind.Xlsx],
        ".pptx" or ".pptm" => [FileKind.Pptx],
        ".txt" or ".md" or ".csv" or ".log" or ".json" or ".yaml" or ".yml" => TextLike,
        ".html" or ".htm" => [FileKind.Html, FileKind.Text],
        ".svg" => [FileKind.Svg, FileKind.Xml],
        ".xml" => [FileKind.Xml, FileKind.Svg],
        ".exe" or ".dll" or ".so" or ".bin" => [FileKind.Executable, FileKind.Unknown],
        _ => null,
    };

    /// <summary>Whether a file named with <paramref name="extension"/> may hold <paramref name="found"/>.</summary>
    public static bool Fits(string extension, FileKind found) => AllowedFor(extension) is not { } allowed || allowed.Contains(found);
}
