using System.Text;
using Conclave.Domain.Dlp;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// The DLP scanner over arbitrary text (what a chat message or an extracted file can hold), with every
/// built-in type and a custom one: it must not throw, and what it reports must lie inside the text and
/// never show the matched value whole.
/// </summary>
public sealed class DlpScannerTarget : IFuzzTarget
{
    private static readonly SensitiveInfoType[] Types =
    [
        .. SensitiveInfoTypes.BuiltIn,
        CustomSensitiveInfoType.Create("Fuzz employee ID", @"\b[A-Z]{2}-[0-9]{6}\b", ["employee", "ID"]).Value,
    ];

    public string Name => "dlp-scanner";

    public void Run(ReadOnlySpan<byte> data)
    {
        var text = Encoding.UTF8.GetString(data);
        var scan = DlpScanner.Scan(text, Types);
        if (scan.ScannedLength != text.Length || scan.Truncated || scan.Types.Count != Types.Length)
        {
            throw new InvalidOperationException("A short text must be scanned whole, for every type.");
        }

        foreach (var match in scan.Types.SelectMany(t => t.Matches))
        {
            if (match.Start < 0 || match.Length <= 0 || match.Start + match.Length > text.Length)
            {
                throw new InvalidOperationException("A match must lie inside the scanned text.");
            }

            var value = text.AsSpan(match.Start, match.Length);
            if (value.Length >= 8 && match.MaskedExcerpt.AsSpan().Contains(value, StringComparison.Ordinal))
            {
                throw new InvalidOperationException("An excerpt must not show the matched value.");
            }
        }
    }
}
