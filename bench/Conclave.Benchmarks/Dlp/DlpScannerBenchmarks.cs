using System.Text;
using BenchmarkDotNet.Attributes;
using Conclave.Domain.Dlp;
using Conclave.Domain.Tests.Dlp;

namespace Conclave.Benchmarks.Dlp;

/// <summary>
/// Scanning one chat message for every built-in sensitive information type: 1 KB (a long chat message)
/// and 100 KB (a pasted document), each as ordinary text with numbers that are not sensitive (times,
/// dates, phone and order numbers) and as the same text with a card, an IBAN, an SSN and a SIN in every
/// 1 KB. Goal: DLP costs under 10 % of chat throughput at 1,000 messages/s, that is under 100 µs of one
/// core per 1 KB message.
/// </summary>
[MemoryDiagnoser]
public class DlpScannerBenchmarks
{
    private const int Block = 1024;

    private static readonly string[] Sentences =
    [
        "Hi team, the stand-up moves to 10:00 tomorrow. ",
        "Can someone review pull request 4182 before lunch? ",
        "The quarterly report is in the shared folder, page 12 of 40. ",
        "Call me at 555-123-4567 if the build on 2024-01-15 fails again. ",
        "Order #12345678 shipped; tracking should show up tonight. ",
        "Bonjour à tous, la réunion est reportée à jeudi 14 h. ",
        "Budget for Q3 is 25,000 EUR, see invoice INV-2024-000123. ",
        "Server 192.168.100.200 is back to normal after the restart. ",
    ];

    private string _text = string.Empty;

    [Params(1024, 100 * 1024)]
    public int Size { get; set; }

    [Params(false, true)]
    public bool WithSensitiveData { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Made-up numbers from the tests' seeded generator: valid for their type, nobody's.
        var numbers = new SyntheticNumbers(2026);
        var block = new StringBuilder(Block);
        if (WithSensitiveData)
        {
            block.Append("My credit card is ").Append(SyntheticNumbers.GroupCard(numbers.Card("visa"), " ")).Append(", expiry 09/28. ")
                .Append("Please wire it to IBAN ").Append(SyntheticNumbers.GroupIban(numbers.Iban("DE"))).Append(". ")
                .Append("SSN for the form: ").Append(SyntheticNumbers.Group(numbers.Ssn(), [3, 2, 4], "-")).Append(". ")
                .Append("Mon numéro d'assurance sociale : ").Append(SyntheticNumbers.Group(numbers.Sin(), [3, 3, 3], " ")).Append(". ");
        }

        for (var next = 0; block.Length + Sentences[next % Sentences.Length].Length <= Block; next++)
        {
            block.Append(Sentences[next % Sentences.Length]);
        }

        block.Append(' ', Block - block.Length);
        _text = string.Concat(Enumerable.Repeat(block.ToString(), Size / Block));

        var expected = WithSensitiveData ? 4 * (Size / Block) : 0;
        var found = DlpScanner.Scan(_text, SensitiveInfoTypes.BuiltIn).Types.Sum(t => t.CountAtLeast(DlpConfidence.Medium));
        if (found != expected)
        {
            throw new InvalidOperationException($"the benchmark text holds {found} sensitive values, expected {expected}");
        }
    }

    [Benchmark(Description = "Scan, all built-in types")]
    public int ScanAllBuiltInTypes() => DlpScanner.Scan(_text, SensitiveInfoTypes.BuiltIn).Types.Count;
}
