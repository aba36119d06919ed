using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conclave.Client.Auth;

/// <summary>
/// Hands out a valid access token for a signed-in profile, refreshing it shortly before expiry. Refresh tokens
/// rotate (a used one is dead, and reusing it revokes the family), so each new token set is persisted at once.
/// </summary>
public sealed class TokenSession : IDisposable
{
    private readonly OAuthClient _oauth;
    private readonly Func<TokenSet, CancellationToken, Task> _persist;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private TokenSet _tokens;

    public TokenSession(OAuthClient oauth, TokenSet tokens, Func<TokenSet, CancellationToken, Task> persist, TimeProvider timeProvider)
        : this(oauth, tokens, persist, timeProvider, null)
    {
    }

    /// <summary>As the four-argument constructor, logging refreshes and the session's end to <paramref name="logger"/> (never a token).</summary>
    public TokenSession(OAuthClient oauth, TokenSet tokens, Func<TokenSet, CancellationToken, Task> persist, TimeProvider timeProvider, ILogger? logger)
    {
        _logger = logger ?? NullLogger.Instance;
        _oauth = oauth ?? throw new ArgumentNullException(nameof(oauth));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _persist = persist ?? throw new ArgumentNullException(nameof(persist));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public TokenSet Current => _tokens;

    public void Dispose() => _gate.Dispose();

    /// <summary>The access token to send; refreshes when it is about to expire or when <paramref name="forceRefresh"/>.</summary>
    public async Task<string> GetAccessTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!forceRefresh && _tokens.IsFresh(_time.GetUtcNow()))
                return _tokens.AccessToken;
            if (_tokens.RefreshToken is null)
            {
                ClientLog.SessionEnded(_logger, "no_refresh_token");
                throw new OAuthException("invalid_grant", "The session expired and holds no refresh token; sign in again with `conclave login`.", null, 401);
            }

            TokenSet refreshed;
            try
            {
                refreshed = await _oauth.RefreshAsync(_tokens.RefreshToken, cancellationToken);
            }
            catch (OAuthException ex) when (ex.Error == "invalid_grant")
            {
                // Expired, revoked, or revoked with its family after a reuse: only a new sign-in helps.
                ClientLog.SessionEnded(_logger, ex.Error);
                throw new OAuthException(ex.Error, $"{ex.Description ?? "The session ended."} Sign in again with `conclave login`.", ex.ConclaveCode, ex.StatusCode);
            }
            _tokens = refreshed with { RefreshToken = refreshed.RefreshToken ?? _tokens.RefreshToken };
            await _persist(_tokens, cancellationToken);
            ClientLog.TokensRefreshed(_logger, forceRefresh);
            return _tokens.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }
}
