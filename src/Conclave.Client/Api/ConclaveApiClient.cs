using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Conclave.Client.Auth;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;

namespace Conclave.Client.Api;

/// <summary>
/// Typed calls to the bearer-token API of docs/api.md. Refusals become <see cref="ApiProblemException"/>,
/// transport failures <see cref="ServerUnreachableException"/>. An expired access token is refreshed once
/// and the request replayed.
/// </summary>
public sealed class ConclaveApiClient
{
    private readonly ConclaveConnection _connection;
    private readonly TokenSession _session;

    public ConclaveApiClient(ConclaveConnection connection, TokenSession session)
    {
        _connection = connection ?? throw new ArgumentNullException(nameof(connection));
        _session = session ?? throw new ArgumentNullException(nameof(session));
    }

    public Task<MeView> GetMeAsync(CancellationToken cancellationToken) =>
        SendAsync<MeView>(HttpMethod.Get, "api/me", null, cancellationToken);

    public Task<UserView> CreateUserAsync(CreateUser user, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Post, "api/admin/users", user, cancellationToken);

    public Task<IReadOnlyList<UserView>> ListUsersAsync(string? upn, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<UserView>>(HttpMethod.Get, "api/admin/users" + Query(("upn", upn)), null, cancellationToken);

    public Task<UserView> GetUserAsync(string idOrUpn, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Get, "api/admin/users/" + Segment(idOrUpn), null, cancellationToken);

    public Task<UserView> UpdateUserAsync(string idOrUpn, UpdateUser update, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Patch, "api/admin/users/" + Segment(idOrUpn), update, cancellationToken);

    /// <summary>DELETE /api/admin/users/{idOrUpn}: the account goes and its sessions end at once.</summary>
    public Task<JsonElement> RemoveUserAsync(string idOrUpn, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Delete, "api/admin/users/" + Segment(idOrUpn), null, cancellationToken);

    /// <summary>A new one-time password in <see cref="UserView.OneTimePassword"/>, shown once; the user must change it at next sign-in.</summary>
    public Task<UserView> ResetUserPasswordAsync(string idOrUpn, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Post, $"api/admin/users/{Segment(idOrUpn)}/password-reset", null, cancellationToken);

    /// <summary>Removes the user's authenticator and recovery codes; the next sign-in enrols a new one.</summary>
    public Task<UserView> ResetUserAuthenticatorAsync(string idOrUpn, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Post, $"api/admin/users/{Segment(idOrUpn)}/authenticator-reset", null, cancellationToken);

    public Task<GroupView> CreateGroupAsync(CreateGroup group, CancellationToken cancellationToken) =>
        SendAsync<GroupView>(HttpMethod.Post, "api/admin/groups", group, cancellationToken);

    public Task<IReadOnlyList<GroupView>> ListGroupsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<GroupView>>(HttpMethod.Get, "api/admin/groups", null, cancellationToken);

    public Task<JsonElement> AddGroupMemberAsync(string group, string user, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, $"api/admin/groups/{Segment(group)}/members", new AddMember(user), cancellationToken);

    public Task<JsonElement> RemoveGroupMemberAsync(string group, string user, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Delete, $"api/admin/groups/{Segment(group)}/members/{Segment(user)}", null, cancellationToken);

    /// <summary>Role names: <see cref="AdminRoleNames"/>. Global administrator only.</summary>
    public Task<JsonElement> GrantRoleAsync(string user, string role, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Post, "api/admin/roles", new GrantRole(user, role), cancellationToken);

    /// <summary>The pair of <see cref="GrantRoleAsync"/>; the last enabled Global administrator keeps the role. Global administrator only.</summary>
    public Task<UserView> RevokeRoleAsync(string user, string role, CancellationToken cancellationToken) =>
        SendAsync<UserView>(HttpMethod.Delete, $"api/admin/roles/{Segment(role)}/users/{Segment(user)}", null, cancellationToken);

    /// <summary>The client secret in the answer is shown once and never again.</summary>
    public Task<CreatedApp> CreateAppRegistrationAsync(string displayName, IReadOnlyList<string> roles, CancellationToken cancellationToken) =>
        SendAsync<CreatedApp>(HttpMethod.Post, "api/admin/apps", new CreateApp(displayName, [.. roles]), cancellationToken);

    public Task<IReadOnlyList<AppView>> ListAppRegistrationsAsync(CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AppView>>(HttpMethod.Get, "api/admin/apps", null, cancellationToken);

    public Task<AppView> GetAppRegistrationAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Get, "api/admin/apps/" + Segment(clientId), null, cancellationToken);

    /// <summary>Disabling an app or changing its roles revokes the tokens it holds.</summary>
    public Task<AppView> UpdateAppRegistrationAsync(string clientId, UpdateApp update, CancellationToken cancellationToken) =>
        SendAsync<AppView>(HttpMethod.Patch, "api/admin/apps/" + Segment(clientId), update, cancellationToken);

    /// <summary>Deletes the registration and its OAuth client; its tokens stop at once.</summary>
    public Task<JsonElement> RemoveAppRegistrationAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<JsonElement>(HttpMethod.Delete, "api/admin/apps/" + Segment(clientId), null, cancellationToken);

    /// <summary>A new client secret, shown once; the old one and the tokens it got stop working.</summary>
    public Task<AppSecret> NewAppRegistrationSecretAsync(string clientId, CancellationToken cancellationToken) =>
        SendAsync<AppSecret>(HttpMethod.Post, $"api/admin/apps/{Segment(clientId)}/secret", null, cancellationToken);

    public Task<IReadOnlyList<AuditView>> SearchAuditAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "api/admin/audit" + Query(
            ("from", query.From?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("to", query.To?.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
            ("actor", query.Actor),
            ("action", query.Action),
            ("take", query.Take?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return SendAsync<IReadOnlyList<AuditView>>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>GET /api/me/calls: the signed-in user's calls, placed or received, newest first.</summary>
    public Task<CallHistoryPage> GetCallHistoryAsync(CallHistoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var path = "api/me/calls" + Query(
            ("take", query.Take?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("before", query.Before?.ToString("D")),
            ("missed", query.MissedOnly ? "true" : null));
        return SendAsync<CallHistoryPage>(HttpMethod.Get, path, null, cancellationToken);
    }

    /// <summary>
    /// Any API call: <paramref name="body"/> is sent as JSON; a 204 or empty answer yields <c>default</c>
    /// (for <see cref="JsonElement"/> an undefined element). New admin verbs build on this.
    /// </summary>
    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        for (var attempt = 0; ; attempt++)
        {
            var token = await _session.GetAccessTokenAsync(forceRefresh: attempt > 0, cancellationToken);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
                request.Content = ConclaveJson.Content(body);
            using var response = await _connection.SendAsync(request, cancellationToken);
            // One refresh-and-replay: the token may have been revoked or expired between check and use.
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                continue;
            if (!response.IsSuccessStatusCode)
                throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (string.IsNullOrWhiteSpace(text))
                return default!;
            try
            {
                return JsonSerializer.Deserialize<T>(text, ConclaveJson.Options)!;
            }
            catch (JsonException ex)
            {
                throw new ApiProblemException((int)response.StatusCode, ErrorCodes.Client.InvalidResponse, "Unreadable answer", $"{path}: {ex.Message}");
            }
        }
    }

    /// <summary>
    /// A call whose request body is <paramref name="content"/> as it is (not JSON), answered as JSON. The body is read
    /// once: an expired token is refreshed first, so no replay is needed.
    /// </summary>
    public async Task<T> SendContentAsync<T>(HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(content);
        var token = await _session.GetAccessTokenAsync(forceRefresh: false, cancellationToken);
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _connection.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonSerializer.Deserialize<T>(text, ConclaveJson.Options)!;
        }
        catch (JsonException ex)
        {
            throw new ApiProblemException((int)response.StatusCode, ErrorCodes.Client.InvalidResponse, "Unreadable answer", $"{path}: {ex.Message}");
        }
    }

    /// <summary>
    /// A GET whose answer is read as a stream (headers first): the caller disposes the response. A refusal is
    /// <see cref="ApiProblemException"/>; an expired access token is refreshed once and the request replayed.
    /// </summary>
    public async Task<HttpResponseMessage> GetStreamAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await _session.GetAccessTokenAsync(forceRefresh: attempt > 0, cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var response = await _connection.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
                return response;
            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
                    continue;
                throw await ApiProblemException.FromResponseAsync(response, cancellationToken);
            }
        }
    }

    private static string Segment(string value) => Uri.EscapeDataString(value);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var present = parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return present.Count == 0 ? "" : "?" + string.Join('&', present);
    }
}
