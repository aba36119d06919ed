namespace Conclave.Server.Hosting;

/// <summary>
/// How a failed start reaches the operator: one line on stderr (what failed and what to do) and exit code
/// <see cref="ExitCode"/>, never a stack trace. A <see cref="StartupException"/> says it in its message;
/// anything else that escapes the start is named by its type and first line.
/// </summary>
public static class StartupFailure
{
    /// <summary>The documented exit code of a failed start (docs/api.md, "Server configuration").</summary>
    public const int ExitCode = 2;

    /// <summary>The line for <paramref name="exception"/>; never null.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        StartupException startup => startup.Message,
        AggregateException { InnerExceptions: [StartupException only] } => only.Message,
        _ => $"the server could not start: {FirstLine(exception.Message)} ({exception.GetType().Name}).",
    };

    private static string FirstLine(string text)
    {
        var end = text.AsSpan().IndexOfAny('\r', '\n');
        return end < 0 ? text : text[..end];
    }
}
