using System.Text.Json;
using System.Text.RegularExpressions;

namespace Conclave.Domain.Tests.Dlp;

/// <summary>
/// One line of <c>corpus/messages.jsonl</c>: a message template, how many instances of each type it holds
/// at medium confidence or above, and the verdict of <see cref="StandardTestPolicy"/>. Placeholders such as
/// <c>{card:amex:dash}</c>, <c>{iban:DE:space}</c>, <c>{ssn:plain}</c> or <c>{sin-bad:space}</c> become
/// numbers from <see cref="SyntheticNumbers"/>, seeded by the line number, so every run reads the same text.
/// </summary>
internal sealed partial record CorpusMessage(int Line, string Id, string Template, string Text, IReadOnlyDictionary<string, int> Expected, string Verdict)
{
    private const string CorpusFile = "corpus/messages.jsonl";

    [GeneratedRegex(@"\{(?<kind>[a-z-]+)(?::(?<arg>[A-Za-z0-9]+))?(?::(?<format>[a-z]+))?\}")]
    private static partial Regex Placeholder();

    public static IReadOnlyList<CorpusMessage> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Dlp", CorpusFile);
        var messages = new List<CorpusMessage>();
        var line = 0;
        foreach (var json in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(json))
            {
                continue;
            }

            var row = JsonSerializer.Deserialize<Row>(json) ?? throw new InvalidDataException($"line {line} is not a message");
            messages.Add(new CorpusMessage(line, row.id, row.text, Expand(row.text, line), row.expected, row.verdict));
        }

        return messages;
    }

    public override string ToString() => $"{Id} (line {Line}): {Text}";

    private static string Expand(string template, int seed)
    {
        var numbers = new SyntheticNumbers(seed);
        return Placeholder().Replace(template, m =>
        {
            var arg = m.Groups["arg"].Value;
            var format = m.Groups["format"].Value;
            return m.Groups["kind"].Value switch
            {
                "card" => FormatCard(numbers.Card(arg), format),
                "card-bad" => FormatCard(numbers.ChangeOneDigit(numbers.Card(arg)), format),
                "iban" => FormatIban(numbers.Iban(arg), format),
                "iban-bad" => FormatIban(numbers.ChangeOneDigit(numbers.Iban(arg)), format),
                "ssn" => FormatNine(numbers.Ssn(), [3, 2, 4], arg),
                "sin" => FormatNine(numbers.Sin(), [3, 3, 3], arg),
                "sin-bad" => FormatNine(numbers.ChangeOneDigit(numbers.Sin()), [3, 3, 3], arg),
                _ => throw new InvalidDataException($"unknown placeholder {m.Value}"),
            };
        });
    }

    private static string FormatCard(string digits, string format) => format switch
    {
        "plain" => digits,
        "space" => SyntheticNumbers.GroupCard(digits, " "),
        "dash" => SyntheticNumbers.GroupCard(digits, "-"),
        _ => throw new InvalidDataException($"unknown card format {format}"),
    };

    private static string FormatIban(string compact, string format) => format switch
    {
        "plain" => compact,
        "space" => SyntheticNumbers.GroupIban(compact),
        _ => throw new InvalidDataException($"unknown IBAN format {format}"),
    };

    private static string FormatNine(string digits, int[] groups, string format) => format switch
    {
        "plain" => digits,
        "space" => SyntheticNumbers.Group(digits, groups, " "),
        "dash" => SyntheticNumbers.Group(digits, groups, "-"),
        _ => throw new InvalidDataException($"unknown format {format}"),
    };

#pragma warning disable IDE1006, CA1812 // the corpus file's member names
    private sealed record Row(string id, string text, Dictionary<string, int> expected, string verdict);
#pragma warning restore IDE1006, CA1812
}
