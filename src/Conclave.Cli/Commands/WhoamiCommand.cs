using System.CommandLine;
using Conclave.Cli.Output;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary><c>conclave whoami</c>: who the profile is signed in as, from <c>GET /api/me</c>.</summary>
internal static class WhoamiCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("whoami", "Show the signed-in user of the profile (GET /api/me).");
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            var me = await session.Api.GetMeAsync(cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(me, ["upn", "displayName", "kind", "roles", "mfaEnabled", "id"]);
            return ExitCodes.Ok;
        }));
        return command;
    }
}
