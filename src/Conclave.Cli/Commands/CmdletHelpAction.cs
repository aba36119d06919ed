using System.CommandLine;
using System.CommandLine.Invocation;
using Conclave.Cli.Cmdlets;

namespace Conclave.Cli.Commands;

/// <summary>Shows Get-Help style help for a cmdlet (its parameter table) and the standard help for every other verb.</summary>
internal sealed class CmdletHelpAction(SynchronousCommandLineAction standard, IReadOnlyDictionary<Command, Cmdlet> cmdlets) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (cmdlets.TryGetValue(parseResult.CommandResult.Command, out var cmdlet))
        {
            parseResult.InvocationConfiguration.Output.Write(CmdletHelp.Render(cmdlet));
            return ExitCodes.Ok;
        }
        return standard.Invoke(parseResult);
    }
}
