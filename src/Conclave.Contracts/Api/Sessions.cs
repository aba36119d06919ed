namespace Conclave.Contracts.Api;

// /api/account/sessions and /api/admin/users/{idOrUpn}/sessions (docs/api.md): where an account is signed in.

/// <summary>
/// One place an account is signed in: a sign-in that can go on without the password (by refresh
/// token or the browser's sign-in cookie) until it expires or is revoked.
/// </summary>
/// <param name="Id">Opaque; names the session in <c>DELETE …/sessions/{id}</c>.</param>
/// <param name="ClientId">The OAuth client it signed in to: <c>conclave-web</c>, <c>conclave-cli</c> or an app's client id.</param>
/// <param name="ClientName">The client's display name.</param>
/// <param name="SignInMethod">How it began: <c>browser</c> (the sign-in page), <c>password</c> (a script's password grant), <c>device_code</c> (a code approved in a browser).</param>
/// <param name="StartedAt">When it began (UTC).</param>
/// <param name="LastActiveAt">When it last got tokens (sign-in or refresh), UTC; null if not known.</param>
/// <param name="SignInAddress">The IP address it signed in from, when recorded.</param>
/// <param name="Current">Whether the request was made by this session ("this device").</param>
public sealed record SessionView(
    string Id,
    string ClientId,
    string? ClientName,
    string SignInMethod,
    DateTimeOffset StartedAt,
    DateTimeOffset? LastActiveAt,
    string? SignInAddress,
    bool Current);

/// <summary>The answer to <c>DELETE /api/account/sessions</c> ("sign out everywhere else"): how many sessions ended.</summary>
public sealed record SessionsRevoked(int Revoked);
