using Conclave.Client.Api;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>A profile that holds tokens, with its connection and an API client that refreshes and persists tokens.</summary>
internal sealed class SignedInSession : IDisposable
{
    private SignedInSession(Profile profile, ConclaveConnection connection, TokenSession tokens, ConclaveApiClient api, OAuthClient oauth)
    {
        Profile = profile;
        Connection = connection;
        Tokens = tokens;
        Api = api;
        OAuth = oauth;
    }

    public Profile Profile { get; }

    public ConclaveConnection Connection { get; }

    public TokenSession Tokens { get; }

    public ConclaveApiClient Api { get; }

    public OAuthClient OAuth { get; }

    public static SignedInSession Open(CliEnvironment environment, string profileName)
    {
        var store = new ProfileStore(environment.ConfigDirectory);
        var profile = store.Load(profileName);
        if (profile?.Tokens is not { } tokens)
            throw new UsageException($"Profile '{profileName}' is not signed in; run `conclave login --server URL --profile {profileName}` first.");
        var connection = new ConclaveConnection(profile.ToEndpoint());
        var oauth = new OAuthClient(connection, environment.Time);
        var current = profile;
        var session = new TokenSession(
            oauth,
            tokens,
            (rotated, _) =>
            {
                current = current.WithTokens(rotated);
                store.Save(current);
                return Task.CompletedTask;
            },
            environment.Time);
        return new SignedInSession(profile, connection, session, new ConclaveApiClient(connection, session), oauth);
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Connection.Dispose();
    }
}
