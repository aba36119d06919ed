using Conclave.Client.Api;
using Microsoft.Extensions.Logging;

namespace Conclave.Client.Auth;

/// <summary>
/// A signed-in identity ready to call the API: the connection (with its certificate trust), tokens that refresh
/// themselves, and the typed API client. Open one per profile to act as several users at once.
/// </summary>
public sealed class ConclaveSession : IDisposable
{
    private ConclaveSession(ConclaveConnection connection, OAuthClient oauth, TokenSession tokens, Profile? profile)
    {
        Connection = connection;
        OAuth = oauth;
        Tokens = tokens;
        Profile = profile;
        Api = new ConclaveApiClient(connection, tokens);
    }

    public ConclaveConnection Connection { get; }

    public OAuthClient OAuth { get; }

    public TokenSession Tokens { get; }

    public ConclaveApiClient Api { get; }

    /// <summary>The stored profile this session came from, or null for an in-memory session.</summary>
    public Profile? Profile { get; }

    /// <summary>Opens a stored profile; rotated tokens are written back to it at once.</summary>
    /// <exception cref="ProfileNotSignedInException">The profile does not exist or holds no tokens.</exception>
    public static ConclaveSession OpenProfile(ProfileStore store, string profileName, TimeProvider timeProvider) =>
        OpenProfile(store, profileName, timeProvider, loggerFactory: null);

    /// <summary>Opens a stored profile, logging token refreshes to <paramref name="loggerFactory"/> (never a token).</summary>
    /// <exception cref="ProfileNotSignedInException">The profile does not exist or holds no tokens.</exception>
    public static ConclaveSession OpenProfile(ProfileStore store, string profileName, TimeProvider timeProvider, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(store);
        var profile = store.Load(profileName);
        if (profile?.Tokens is not { } tokens)
            throw new ProfileNotSignedInException(profileName);
        var connection = new ConclaveConnection(profile.ToEndpoint());
        var oauth = new OAuthClient(connection, timeProvider, loggerFactory?.CreateLogger<OAuthClient>());
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
            timeProvider,
            loggerFactory?.CreateLogger<TokenSession>());
        return new ConclaveSession(connection, oauth, session, profile);
    }

    /// <summary>
    /// Signs in with the password grant (plus a TOTP code when the account has MFA) and keeps the tokens in memory
    /// only: for services and tests that act as a user without a profile on disk.
    /// </summary>
    public static Task<ConclaveSession> SignInWithPasswordAsync(
        ServerEndpoint endpoint, string upn, string password, string? totp, TimeProvider timeProvider, CancellationToken cancellationToken) =>
        SignInWithPasswordAsync(endpoint, upn, password, totp, timeProvider, loggerFactory: null, cancellationToken);

    /// <summary>As the overload without a logger factory, logging the sign-in and refreshes to <paramref name="loggerFactory"/> (ids and codes only).</summary>
    public static async Task<ConclaveSession> SignInWithPasswordAsync(
        ServerEndpoint endpoint, string upn, string password, string? totp, TimeProvider timeProvider, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        var connection = new ConclaveConnection(endpoint);
        try
        {
            var oauth = new OAuthClient(connection, timeProvider, loggerFactory?.CreateLogger<OAuthClient>());
            var tokens = await oauth.PasswordGrantAsync(upn, password, totp, null, cancellationToken);
            var session = new TokenSession(oauth, tokens, (_, _) => Task.CompletedTask, timeProvider, loggerFactory?.CreateLogger<TokenSession>());
            return new ConclaveSession(connection, oauth, session, null);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Tokens.Dispose();
        Connection.Dispose();
    }
}

/// <summary>A profile was asked for that does not exist or holds no tokens.</summary>
public sealed class ProfileNotSignedInException : Exception
{
    public ProfileNotSignedInException()
    {
    }

    public ProfileNotSignedInException(string profileName)
        : base($"Profile '{profileName}' is not signed in; run `conclave login --server URL --profile {profileName}` first.")
    {
        ProfileName = profileName;
    }

    public ProfileNotSignedInException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public string? ProfileName { get; }
}
