using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Conclave.Cli.Cmdlets;
using Conclave.Cli.Commands;

namespace Conclave.Cli;

/// <summary>The <c>conclave</c> command: parses, dispatches and returns the exit code (see <see cref="ExitCodes"/>).</summary>
internal static class CliApp
{
    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        if (UnknownCmdlet(args) is { } unknown)
        {
            var closest = CmdletSuggestion.Closest(unknown, CmdletCatalog.All.Select(c => c.Name));
            environment.Error.WriteLine(closest is null
                ? $"unknown cmdlet '{unknown}'; 'conclave admin --help' lists them."
                : $"unknown cmdlet '{unknown}'; did you mean {closest}?");
            return ExitCodes.Usage;
        }
        var root = Build(environment);
        // Cmdlet parameters such as -operations must not be read as bundled POSIX flags, nor user@host as a response file.
        var parser = new ParserConfiguration { EnablePosixBundling = false, ResponseFileTokenReplacer = null };
        var result = root.Parse(NormalizeCmdletName(args), parser);
        var invocation = new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false };
        if (result.Errors.Count > 0 && result.Action is not CmdletHelpAction)
        {
            foreach (var error in result.Errors)
                environment.Error.WriteLine(error.Message);
            environment.Error.WriteLine("Run 'conclave --help' (or 'conclave <verb> --help') for usage.");
            return ExitCodes.Usage;
        }
        return await result.InvokeAsync(invocation, cancellationToken);
    }

    internal static RootCommand Build(CliEnvironment environment)
    {
        var global = new GlobalOptions();
        var cmdlets = new Dictionary<Command, Cmdlet>();
        var root = new RootCommand("conclave: sign in to a Conclave server and administer it.")
        {
            global.Profile,
            global.Output,
            LoginCommand.Create(environment, global),
            WhoamiCommand.Create(environment, global),
            LogoutCommand.Create(environment, global),
            AdminCommand.Create(environment, global, cmdlets),
            CallCommand.Create(environment, global),
            AnswerCommand.Create(environment, global),
            SettingsCommand.Create(environment, global),
            CallsCommand.Create(environment, global),
            ChatCommand.Create(environment, global),
            TeamCommand.Create(environment, global),
            PasswordCommand.Create(environment, global),
        };
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new CmdletHelpAction((SynchronousCommandLineAction)help.Action!, cmdlets, environment, global);
        return root;
    }

    /// <summary>Cmdlet names are case-insensitive, as in PowerShell: <c>new-csuser</c> runs New-CsUser.</summary>
    private static string[] NormalizeCmdletName(string[] args)
    {
        var copy = (string[])args.Clone();
        if (CmdletNameIndex(copy) is { } index && CmdletCatalog.Find(copy[index]) is { } cmdlet)
            copy[index] = cmdlet.Name;
        return copy;
    }

    /// <summary>The word after <c>admin</c> when it names no cmdlet (options such as <c>--help</c> aside).</summary>
    private static string? UnknownCmdlet(string[] args) =>
        CmdletNameIndex(args) is { } index && !args[index].StartsWith('-') && CmdletCatalog.Find(args[index]) is null ? args[index] : null;

    /// <summary>Where the cmdlet's name stands: the token after the verb <c>admin</c>, skipping the global options' values.</summary>
    private static int? CmdletNameIndex(string[] args)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] is "--profile" or "--output" or "-o")
            {
                i++;
                continue;
            }
            if (args[i] == "admin")
                return i + 1;
            // The first word that is not a global option is the verb; only "admin" takes a cmdlet.
            if (!args[i].StartsWith('-'))
                return null;
        }
        return null;
    }
}
