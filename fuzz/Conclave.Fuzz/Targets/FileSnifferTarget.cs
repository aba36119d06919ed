using Conclave.Domain.Files;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// The content sniffer of uploaded files (Domain/Files/ContentSniffer) and the name rules: any bytes get a kind, a
/// sniffed kind has a media type and a served type, and the bytes read as a name are accepted or refused, never thrown on.
/// </summary>
public sealed class FileSnifferTarget : IFuzzTarget
{
    public string Name => "file-sniffer";

    public void Run(ReadOnlySpan<byte> data)
    {
        var kind = ContentSniffer.Sniff(data.Length > ContentSniffer.HeadLength ? data[..ContentSniffer.HeadLength] : data);
        if (FileKinds.FromMediaType(FileKinds.MediaType(kind)) != kind)
        {
            throw new InvalidOperationException($"the media type of {kind} does not name it back");
        }

        if (kind is FileKind.Html or FileKind.Svg or FileKind.Xml or FileKind.Executable or FileKind.Unknown
            && FileKinds.ServedType(kind) != FileKinds.OctetStream)
        {
            throw new InvalidOperationException($"{kind} would be served as something a browser renders");
        }

        var name = System.Text.Encoding.UTF8.GetString(data.Length > 300 ? data[..300] : data);
        var checkedName = FileNames.Check(name);
        if (checkedName.IsSuccess)
        {
            _ = FileKinds.Fits(FileNames.ExtensionOf(checkedName.Value), kind);
        }

        _ = ContentSniffer.RefineZip(name.Split('\n'));
    }
}
