using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conclave.Client.Auth;

/// <summary>
/// The OAuth 2.0 side of signing in to Conclave as the public client <c>conclave-cli</c>: device authorization
/// (RFC 8628), the password grant for scripts, refresh with rotation, and revocation (RFC 7009).
/// </summary>
public sealed class OAuthClient
{
    public const string ClientId = "conclave-cli";
    public const string Scopes = "openid profile offline_access api";

    private readonly ConclaveConnection _connection;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public OAuthClient(ConclaveConnection connection, TimeProvider timeProvider)
        : this(connection, timeProvider, null)
    {
    }

    /// <summary>As the two-argument constructor, logging sign-in and refresh outcomes to <paramref name="logger"/> (ids and codes only).</summary>
    public OAuthClient(ConclaveConnection connection, TimeProvider timeProvider, ILogger? logger)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>Password grant with an optional TOTP or recovery code (docs/api.md: only for <c>conclave-cli</c>).</summary>
    public Task<TokenSet> PasswordGrantAsync(string upn, string password, string? totp, string? recoveryCode, CancellationToken cancellationToken)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "password"),
            new("client_id", ClientId),
            new("username", upn),
            new("password", password),
            new("scope", Scopes),
        };
        if (!string.IsNullOrEmpty(totp))
            fields.Add(new("totp", totp));
        if (!string.IsNullOrEmpty(recoveryCode))
            fields.Add(new("recovery_code", recoveryCode));
        return TokenRequestAsync(fields, cancellationToken);
    }

    /// <summary>RFC 6749 §6. The server rotates refresh tokens: the caller must store the new one.</summary>
    public Task<TokenSet> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        TokenRequestAsync(
            [new("grant_type", "refresh_token"), new("client_id", ClientId), new("refresh_token", refreshToken)],
            cancellationToken);

    /// <summary>RFC 8628 §3.1.</summary>
    public async Task<DeviceAuthorization> RequestDeviceAuthorizationAsync(CancellationToken cancellationToken)
    {
        using var response = await _connection.PostFormAsync(
            "connect/device", [new("client_id", ClientId), new("scope", Scopes)], cancellationToken);
        using var json = await ReadJsonAsync(response, cancellationToken);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode || root.ValueKind != JsonValueKind.Object || root.TryGetProperty("error", out _))
            throw ErrorOf(response, root);

        var verification = RequiredString(root, "verification_uri");
        var complete = OptionalString(root, "verification_uri_complete");
        var interval = root.TryGetProperty("interval", out var i) && i.TryGetInt32(out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : DeviceAuthorization.DefaultInterval;
        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 300;
        return new DeviceAuthorization(
            RequiredString(root, "device_code"),
            RequiredString(root, "user_code"),
            new Uri(_connection.Endpoint.BaseAddress, verification),
            complete is null ? null : new Uri(_connection.Endpoint.BaseAddress, complete),
            _time.GetUtcNow().AddSeconds(expiresIn),
            interval);
    }

    /// <summary>
    /// Polls the token endpoint until the person approves or denies the code, or it expires (RFC 8628 §3.4–3.5):
    /// waits <c>interval</c> before each request, adds 5 s on <c>slow_down</c>, keeps going on
    /// <c>authorization_pending</c>, and stops with <see cref="OAuthException"/> on anything else.
    /// </summary>
    public async Task<TokenSet> PollDeviceTokenAsync(DeviceAuthorization authorization, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        var interval = authorization.Interval;
        while (true)
        {
            if (_time.GetUtcNow() >= authorization.ExpiresAt)
                throw new OAuthException("expired_token", "The device code expired before it was approved; run the command again.", null, 400);
            await Task.Delay(interval, _time, cancellationToken);
            try
            {
                return await TokenRequestAsync(
                    [
                        new("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                        new("client_id", ClientId),
                        new("device_code", authorization.DeviceCode),
                    ],
                    cancellationToken);
            }
            catch (OAuthException ex) when (ex.Error == "authorization_pending")
            {
            }
            catch (OAuthException ex) when (ex.Error == "slow_down")
            {
                interval += DeviceAuthorization.SlowDownIncrement;
            }
        }
    }

    /// <summary>RFC 7009 §2.1. The server answers 200 even for unknown tokens, so only transport errors surface.</summary>
    public async Task RevokeAsync(string token, string tokenTypeHint, CancellationToken cancellationToken)
    {
        using var response = await _connection.PostFormAsync(
            "connect/revoke",
            [new("client_id", ClientId), new("token", token), new("token_type_hint", tokenTypeHint)],
            cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            using var json = await ReadJsonAsync(response, cancellationToken);
            throw ErrorOf(response, json.RootElement);
        }
    }

    private async Task<TokenSet> TokenRequestAsync(IReadOnlyList<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var grantType = fields.FirstOrDefault(f => f.Key == "grant_type").Value ?? "unknown";
        using var response = await _connection.PostFormAsync("connect/token", fields, cancellationToken);
        using var json = await ReadJsonAsync(response, cancellationToken);
        var root = json.RootElement;
        if (!response.IsSuccessStatusCode || root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out _))
        {
            var refused = ErrorOf(response, root);
            // RFC 8628 §3.5: a device-code poll is answered "pending" or "slow down" until the person approves.
            if (refused.Error is not ("authorization_pending" or "slow_down"))
                ClientLog.TokenRequestRefused(_logger, grantType, refused.StatusCode, refused.Error, refused.ConclaveCode);
            throw refused;
        }

        var expiresIn = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var s) ? s : 3600;
        ClientLog.TokensIssued(_logger, grantType, expiresIn);
        return new TokenSet(RequiredString(root, "access_token"), OptionalString(root, "refresh_token"), _time.GetUtcNow().AddSeconds(expiresIn));
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
        }
        catch (JsonException)
        {
            return JsonDocument.Parse("{}");
        }
    }

    private static OAuthException ErrorOf(HttpResponseMessage response, JsonElement root)
    {
        var status = (int)response.StatusCode;
        if (root.ValueKind != JsonValueKind.Object)
            return new OAuthException("server_error", $"The server answered {status} without an OAuth error.", null, status);
        // OAuth errors carry error/error_description; a throttled or failed request may instead be problem details.
        var error = OptionalString(root, "error") ?? OptionalString(root, "code") ?? (status == 429 ? "too_many_requests" : "server_error");
        var description = OptionalString(root, "error_description") ?? OptionalString(root, "detail") ?? OptionalString(root, "title");
        var code = OptionalString(root, "conclave_code") ?? OptionalString(root, "code");
        if (status == 429 && response.Headers.RetryAfter?.Delta is { } retry)
            description = $"{description ?? "Too many requests."} Retry after {retry.TotalSeconds:0} s.";
        return new OAuthException(error, description, code, status);
    }

    private static string RequiredString(JsonElement root, string name) =>
        OptionalString(root, name) ?? throw new OAuthException("invalid_response", $"The server's answer lacks '{name}'.", null, 200);

    private static string? OptionalString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
