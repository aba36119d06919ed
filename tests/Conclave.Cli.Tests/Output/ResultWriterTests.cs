using System.Text.Json;
using Conclave.Cli.Output;

namespace Conclave.Cli.Tests.Output;

public sealed class ResultWriterTests
{
    private static string Json(object? value)
    {
        var output = new StringWriter();
        var environment = new CliEnvironment { In = TextReader.Null, Out = output, Error = TextWriter.Null, ConfigDirectory = "." };
        new ResultWriter(environment, OutputFormat.Json).Write(value);
        return output.ToString();
    }

    [Fact]
    public void Json_WritesTimesAsTheyRead_NotHtmlEscaped()
    {
        // As the server sends it: System.Text.Json's default encoder escapes '+' for HTML.
        var fromServer = JsonDocument.Parse("""{ "time": "2026-12-07T08:00:00\u002B00:00", "name": "Zoë <ops> & co" }""").RootElement;

        var text = Json(fromServer);

        Assert.Contains("\"2026-12-07T08:00:00+00:00\"", text, StringComparison.Ordinal);
        Assert.Contains("\"Zoë <ops> & co\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_OfATypedValue_WritesItsOffsetPlainly()
    {
        var text = Json(new { At = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(2)) });

        Assert.Contains("+02:00", text, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.FromHours(2)), JsonDocument.Parse(text).RootElement.GetProperty("at").GetDateTimeOffset());
    }
}
