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
        };
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new CmdletHelpAction((SynchronousCommandLineAction)help.Action!, cmdlets, environment, global);
        return root;
    }

    /// <summary>Cmdlet names are case-insensitive, as in PowerShell: <c>new-csuser</c> runs New-CsUser.</summary>
    private static string[] NormalizeCmdletName(string[] args)
    {
        var copy = (string[])args.Clone();
        for (var i = 0; i + 1 < copy.Length; i++)
        {
            if (copy[i] is "--profile" or "--output" or "-o")
            {
                i++;
                continue;
            }
            if (copy[i] == "admin")
            {
                if (CmdletCatalog.Find(copy[i + 1]) is { } cmdlet)
                    copy[i + 1] = cmdlet.Name;
                break;
            }
        }
        return copy;
    }
}
