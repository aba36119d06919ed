using System.Text;

namespace Conclave.Cli.Terminal;

/// <summary>
/// Asks the person for input: prompts go to stderr; answers come from the terminal (hidden for secrets) or,
/// when stdin is redirected, one line each from stdin, so scripts and tests can answer.
/// </summary>
internal sealed class Prompter(CliEnvironment environment)
{
    /// <summary>How many times a new password may be mistyped in its repetition before the command gives up.</summary>
    public const int NewPasswordAttempts = 3;

    /// <summary>A new password, asked twice until both entries match (at most <see cref="NewPasswordAttempts"/> times).</summary>
    public string ReadNewPassword()
    {
        for (var attempt = 0; attempt < NewPasswordAttempts; attempt++)
        {
            var first = ReadSecret("New password: ", "new password");
            var second = ReadSecret("Repeat the new password: ", "repeated new password");
            if (first == second)
                return first;
            environment.Error.WriteLine("The two passwords differ; try again.");
        }
        throw new UsageException("The new password was not repeated identically.");
    }

    public string ReadLine(string prompt, string what)
    {
        environment.Error.Write(prompt);
        environment.Error.Flush();
        var line = environment.In.ReadLine();
        if (!environment.InteractiveInput)
            environment.Error.WriteLine();
        return line?.Trim() is { Length: > 0 } answer ? answer : throw new UsageException($"No {what} was given on standard input.");
    }

    public string ReadSecret(string prompt, string what)
    {
        if (!environment.InteractiveInput)
            return ReadLine(prompt, what);
        environment.Error.Write(prompt);
        environment.Error.Flush();
        var secret = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
                break;
            if (key.Key == ConsoleKey.Backspace)
            {
                if (secret.Length > 0)
                    secret.Length--;
                continue;
            }
            if (!char.IsControl(key.KeyChar))
                secret.Append(key.KeyChar);
        }
        environment.Error.WriteLine();
        return secret.Length > 0 ? secret.ToString() : throw new UsageException($"No {what} was given.");
    }
}
