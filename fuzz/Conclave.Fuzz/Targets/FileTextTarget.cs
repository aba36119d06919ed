using Conclave.Domain.Files;
using Conclave.Server.Files;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// The text extractors of uploaded files for DLP (Server/Files/FileText: plain text, PDF, DOCX) and the bounded zip
/// inspection (Server/Files/ZipInspector): hostile bytes yield no text or a refusal, never an exception.
/// </summary>
public sealed class FileTextTarget : IFuzzTarget
{
    private static readonly ChatFileOptions Limits = new() { MaxArchiveExpandedBytes = 16 * 1024 * 1024, MaxArchiveEntries = 1000 };

    public string Name => "file-text";

    public void Run(ReadOnlySpan<byte> data)
    {
        var bytes = data.ToArray();
        foreach (var kind in new[] { FileKind.Text, FileKind.Pdf, FileKind.Docx })
        {
            using var content = new MemoryStream(bytes, writable: false);
            var extracted = FileText.Extract(kind, content, 100_000, TimeSpan.FromSeconds(5));
            if (extracted.Text.Length > 100_000 + 1)
            {
                throw new InvalidOperationException($"{kind}: {extracted.Text.Length} characters, over the limit");
            }
        }

        using var archive = new MemoryStream(bytes, writable: false);
        _ = ZipInspector.Inspect(archive, Limits, CancellationToken.None);
    }
}
