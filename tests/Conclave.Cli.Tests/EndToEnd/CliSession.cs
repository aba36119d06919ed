namespace Conclave.Cli.Tests.EndToEnd;

/// <summary>One run of the command with a scripted person at the keyboard.</summary>
internal static class CliSession
{
    public static async Task<CliRun> RunAsync(CliHarness cli, Func<string, string?> answer, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new ObservableWriter();
        var exit = await cli.RunAsync(new ScriptedInput(stderr, answer), stdout, stderr, CancellationToken.None, args);
        return new CliRun(exit, stdout.ToString(), stderr.ToString());
    }
}
