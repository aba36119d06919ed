using System.Text.Encodings.Web;
using System.Text.Json;
using Conclave.Client.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Conclave.Cli.Output;

/// <summary>
/// Writes a result to stdout: indented JSON as the server sent it (<c>-o json</c>), or a table: a list becomes one
/// row per item, a single object a Property/Value list as PowerShell's Format-List shows it.
/// </summary>
internal sealed class ResultWriter(CliEnvironment environment, OutputFormat format)
{
    /// <summary>Width used when stdout is not a terminal, wide enough that tables in logs do not wrap.</summary>
    private const int RedirectedWidth = 200;

    /// <summary>
    /// The relaxed encoder writes '+', '&lt;', '&amp;' and non-ASCII letters as themselves: this JSON goes to a terminal,
    /// a file or <c>jq</c>, never into HTML, so the default's HTML-safe escapes (<c>\u002B00:00</c>) only hinder reading.
    /// </summary>
    private static readonly JsonSerializerOptions Indented = new(ConclaveJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public void Write(object? value, IReadOnlyList<string>? columns = null)
    {
        var element = value is JsonElement json ? json : JsonSerializer.SerializeToElement(value, ConclaveJson.Options);
        if (element.ValueKind is JsonValueKind.Undefined)
            return;
        if (format == OutputFormat.Json)
        {
            environment.Out.WriteLine(JsonSerializer.Serialize(element, Indented));
            return;
        }
        var console = CreateConsole();
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                var items = element.EnumerateArray().ToList();
                if (items.Count == 0)
                    return;
                console.Write(ListTable(items, columns));
                break;
            case JsonValueKind.Object:
                console.Write(PropertyTable(element, columns));
                break;
            case JsonValueKind.Null:
                break;
            default:
                environment.Out.WriteLine(Cell(element));
                break;
        }
    }

    private IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = environment.OutputIsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = environment.OutputIsTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(environment.Out),
        });
        if (!environment.OutputIsTerminal)
            console.Profile.Width = RedirectedWidth;
        return console;
    }

    /// <summary>A list shows the cmdlet's chosen columns only (as PowerShell's default views do); -o json has everything.</summary>
    private static Table ListTable(List<JsonElement> items, IReadOnlyList<string>? columns)
    {
        var all = ColumnsOf(items, columns);
        var chosen = columns?.Where(c => all.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        var names = chosen is { Count: > 0 } ? chosen : all;
        var table = new Table().Border(TableBorder.Simple);
        foreach (var name in names)
            table.AddColumn(new TableColumn(new Text(Header(name))));
        foreach (var item in items)
        {
            table.AddRow(names.Select(name => (IRenderable)new Text(
                item.ValueKind == JsonValueKind.Object && TryGet(item, name, out var v) ? Cell(v) : "")));
        }
        return table;
    }

    private static Table PropertyTable(JsonElement item, IReadOnlyList<string>? columns)
    {
        var table = new Table().Border(TableBorder.Simple).AddColumn("Property").AddColumn("Value");
        foreach (var name in ColumnsOf([item], columns))
        {
            if (TryGet(item, name, out var value))
                table.AddRow(new Text(Header(name)), new Text(Cell(value)));
        }
        return table;
    }

    /// <summary>The chosen columns that occur in the data, then every other field in order of appearance.</summary>
    private static List<string> ColumnsOf(List<JsonElement> items, IReadOnlyList<string>? preferred)
    {
        var present = items.Where(i => i.ValueKind == JsonValueKind.Object)
            .SelectMany(i => i.EnumerateObject().Select(p => p.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (present.Count == 0)
            return ["value"];
        var ordered = (preferred ?? []).Where(c => present.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        ordered.AddRange(present.Where(p => !ordered.Contains(p, StringComparer.OrdinalIgnoreCase)));
        return ordered;
    }

    private static bool TryGet(JsonElement item, string name, out JsonElement value)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Header(string name) => name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];

    private static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null or JsonValueKind.Undefined => "",
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Array when value.EnumerateArray().All(e => e.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)) =>
            string.Join(", ", value.EnumerateArray().Select(Cell)),
        _ => value.GetRawText(),
    };
}
