using System.CommandLine;
using System.CommandLine.Invocation;
using Conclave.Cli.Cmdlets;
using Conclave.Client.Api;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>
/// Shows Get-Help style help for a cmdlet (its parameter table) and the standard help for every other verb. A cmdlet
/// whose settings come from the server asks it through the selected profile; without one, the help says so.
/// </summary>
internal sealed class CmdletHelpAction(
    SynchronousCommandLineAction standard, IReadOnlyDictionary<Command, Cmdlet> cmdlets, CliEnvironment environment, GlobalOptions global)
    : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        if (cmdlets.TryGetValue(parseResult.CommandResult.Command, out var cmdlet))
        {
            var (parameters, note) = cmdlet.ParametersFromServer ? Describe(cmdlet, parseResult) : (cmdlet.Parameters, null);
            parseResult.InvocationConfiguration.Output.Write(CmdletHelp.Render(cmdlet, parameters, note));
            return ExitCodes.Ok;
        }
        return standard.Invoke(parseResult);
    }

    private (IReadOnlyList<CmdletParameter> Parameters, string? Note) Describe(Cmdlet cmdlet, ParseResult parseResult)
    {
        const string Unavailable = "The settings of this cmdlet and their valid values come from the server's policy schema " +
            "(GET /api/admin/policies); sign in as an administrator ('conclave login') to see them here.";
        try
        {
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(parseResult), environment.Time);
            // Help is synchronous in System.CommandLine; this is one short request from a console process.
            return (cmdlet.DescribeParametersAsync(session.Api, CancellationToken.None).GetAwaiter().GetResult(), null);
        }
        catch (Exception ex) when (ex is ProfileNotSignedInException or ServerUnreachableException or ApiProblemException or OAuthException or UsageException
            or InvalidDataException or IOException or System.Security.Cryptography.CryptographicException)
        {
            return (cmdlet.Parameters, $"{Unavailable} ({ex.Message})");
        }
    }
}
