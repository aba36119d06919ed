namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>
/// Standard input that answers each line the command reads by looking at what it has written to stderr so far,
/// as a person at the terminal would (the prompt, a secret shown just before).
/// </summary>
internal sealed class ScriptedInput(ObservableWriter stderr, Func<string, string?> answer) : TextReader
{
    public List<string> Asked { get; } = [];

    public override string? ReadLine()
    {
        var shown = stderr.ToString();
        var line = answer(shown);
        Asked.Add(shown.Split('\n')[^1]);
        return line;
    }

    public override int Peek() => -1;

    public override int Read() => -1;
}
