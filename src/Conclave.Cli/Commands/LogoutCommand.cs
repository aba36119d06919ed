using System.CommandLine;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave logout</c>: revokes the refresh and access tokens at the server (RFC 7009) and forgets them. The
/// server URL and pinned certificate stay, so the next login trusts the same certificate.
/// </summary>
internal static class LogoutCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("logout", "Revoke the profile's tokens at the server and remove them from this machine.");
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var name = global.ProfileName(result);
            var store = new ProfileStore(environment.ConfigDirectory);
            var profile = store.Load(name);
            if (profile is null || !profile.IsSignedIn)
            {
                environment.Error.WriteLine($"Profile '{name}' is not signed in.");
                return ExitCodes.Ok;
            }
            // Forget the tokens first: a logout that cannot reach the server still leaves nothing usable here.
            store.Save(profile.WithoutTokens());
            using var connection = new ConclaveConnection(profile.ToEndpoint());
            var oauth = new OAuthClient(connection, environment.Time);
            try
            {
                if (profile.RefreshToken is { } refresh)
                    await oauth.RevokeAsync(refresh, "refresh_token", cancellationToken);
                if (profile.AccessToken is { } access)
                    await oauth.RevokeAsync(access, "access_token", cancellationToken);
            }
            catch (ServerUnreachableException ex)
            {
                throw new ServerUnreachableException(
                    $"Signed out locally, but the tokens could not be revoked at the server: {ex.Message}", ex);
            }
            environment.Error.WriteLine($"Signed out of {profile.ServerUrl} (profile '{name}').");
            return ExitCodes.Ok;
        }));
        return command;
    }
}
