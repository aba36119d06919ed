using System.Text;

namespace Conclave.Cli.Terminal;

/// <summary>
/// Asks the person for input: prompts go to stderr; answers come from the terminal (hidden for secrets) or,
/// when stdin is redirected, one line each from stdin, so scripts and tests can answer.
/// </summary>
internal sealed class Prompter(CliEnvironment environment)
{
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
