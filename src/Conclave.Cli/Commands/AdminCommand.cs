using System.CommandLine;
using Conclave.Cli.Cmdlets;
using Conclave.Cli.Output;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave admin &lt;Cmdlet&gt; -Param Value ...</c>: one subcommand per <see cref="Cmdlet"/>. The parser hands
/// the cmdlet's tokens over untouched; <see cref="CmdletParameterBinder"/> binds them as PowerShell would.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global, IDictionary<Command, Cmdlet> cmdletCommands)
    {
        var admin = new Command("admin", "Administer the tenant with cmdlets named and shaped like Teams PowerShell (conclave admin New-CsUser --help).");
        foreach (var cmdlet in CmdletCatalog.All)
        {
            var tokens = new Argument<string[]>("parameters")
            {
                Description = "PowerShell-style parameters: -Name Value, -Name:Value, $true/$false, $null.",
                Arity = ArgumentArity.ZeroOrMore,
            };
            var command = new Command(cmdlet.Name, cmdlet.Synopsis) { tokens };
            command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
            {
                var given = result.GetValue(tokens) ?? [];
                // A table that needs the server is bound after sign-in; every other one before, so a typo costs no round trip.
                var arguments = cmdlet.ParametersFromServer ? null : Bind(cmdlet, cmdlet.Parameters, given, environment.Time);
                var format = global.Format(result);
                using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
                arguments ??= Bind(cmdlet, await cmdlet.DescribeParametersAsync(session.Api, cancellationToken), given, environment.Time);
                var answer = await cmdlet.InvokeAsync(arguments, session.Api, cancellationToken);
                if (answer.Notice is not null)
                    environment.Error.WriteLine(answer.Notice);
                new ResultWriter(environment, format).Write(answer.Value, cmdlet.TableColumns);
                return ExitCodes.Ok;
            }));
            cmdletCommands[command] = cmdlet;
            admin.Subcommands.Add(command);
        }
        return admin;
    }

    private static CmdletArguments Bind(Cmdlet cmdlet, IReadOnlyList<CmdletParameter> parameters, IReadOnlyList<string> tokens, TimeProvider time)
    {
        try
        {
            return CmdletParameterBinder.Bind(parameters, tokens, time);
        }
        catch (ParameterBindingException ex)
        {
            throw new ParameterBindingException($"{cmdlet.Name}: {ex.Message}", ex);
        }
    }
}
