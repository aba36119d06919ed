using System.Net;
using System.Reflection;
using System.Text;
using Conclave.Contracts.Chat;
using Conclave.Server.Calls;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Sessions;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Security;

/// <summary>
/// Every HTTP endpoint and every hub method of the running server, called by every kind of caller,
/// answers as its entry in <see cref="Endpoints"/> says. The endpoint list comes from the server's own
/// routing table, so an endpoint added without an entry here fails <see cref="EveryEndpoint_HasAnEntry"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>"METHOD /route/pattern" → who it is for.</summary>
    private static readonly Dictionary<string, Access> Endpoints = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Access.Anonymous,
        ["GET /openapi/{documentName}.json"] = Access.AnyPrincipal,
        ["POST /connect/token"] = Access.Anonymous,
        ["GET /connect/authorize"] = Access.Anonymous,
        ["POST /connect/authorize"] = Access.Anonymous,
        ["GET /connect/verify"] = Access.Anonymous,
        ["POST /connect/verify"] = Access.Anonymous,
        ["GET /connect/userinfo"] = Access.AnyPrincipal,
        ["POST /connect/userinfo"] = Access.AnyPrincipal,
        ["GET /account/login"] = Access.Anonymous,
        ["POST /account/login"] = Access.Anonymous,
        ["GET /account/page.css"] = Access.Anonymous,
        ["GET /account/first-sign-in"] = Access.Anonymous,
        ["POST /account/first-sign-in/password"] = Access.Anonymous,
        ["POST /account/first-sign-in/authenticator"] = Access.Anonymous,
        ["POST /account/first-sign-in/authenticator/confirm"] = Access.Anonymous,
        ["POST /api/account/password"] = Access.Anonymous,
        ["POST /api/account/mfa/enroll"] = Access.Anonymous,
        ["POST /api/account/mfa/confirm"] = Access.Anonymous,
        ["GET /api/me"] = Access.AnyPrincipal,
        ["GET /api/me/e2ee-calls"] = Access.User,
        ["PUT /api/me/e2ee-calls"] = Access.User,
        ["GET /api/me/policy-events"] = Access.User,
        ["GET /api/me/turn-credentials"] = Access.User,
        ["GET /api/me/calls"] = Access.User,
        ["POST /api/chats"] = Access.User,
        ["GET /api/chats"] = Access.User,
        ["GET /api/chats/{chatId}"] = Access.User,
        ["PATCH /api/chats/{chatId}"] = Access.User,
        ["POST /api/chats/{chatId}/members"] = Access.User,
        ["DELETE /api/chats/{chatId}/members/me"] = Access.User,
        ["POST /api/chats/{chatId}/messages"] = Access.User,
        ["GET /api/chats/{chatId}/messages"] = Access.User,
        ["POST /api/chats/{chatId}/files"] = Access.User,
        ["GET /api/chats/{chatId}/files/{fileId}"] = Access.User,
        ["PATCH /api/chats/{chatId}/messages/{messageId}"] = Access.User,
        ["DELETE /api/chats/{chatId}/messages/{messageId}"] = Access.User,
        ["PUT /api/chats/{chatId}/messages/{messageId}/reactions/{reaction}"] = Access.User,
        ["DELETE /api/chats/{chatId}/messages/{messageId}/reactions/{reaction}"] = Access.User,
        ["GET /api/chats/{chatId}/events"] = Access.User,
        ["PUT /api/chats/{chatId}/read"] = Access.User,
        ["POST /api/teams"] = Access.User,
        ["GET /api/teams"] = Access.User,
        ["GET /api/teams/{teamId}"] = Access.User,
        ["PATCH /api/teams/{teamId}"] = Access.User,
        ["POST /api/teams/{teamId}/archive"] = Access.User,
        ["POST /api/teams/{teamId}/unarchive"] = Access.User,
        ["POST /api/teams/{teamId}/members"] = Access.User,
        ["DELETE /api/teams/{teamId}/members/{user}"] = Access.User,
        ["PUT /api/teams/{teamId}/members/{user}/role"] = Access.User,
        ["GET /api/teams/{teamId}/channels"] = Access.User,
        ["POST /api/teams/{teamId}/channels"] = Access.User,
        ["PATCH /api/teams/{teamId}/channels/{channelId}"] = Access.User,
        ["DELETE /api/teams/{teamId}/channels/{channelId}"] = Access.User,
        ["POST /api/teams/{teamId}/channels/{channelId}/members"] = Access.User,
        ["DELETE /api/teams/{teamId}/channels/{channelId}/members/{user}"] = Access.User,
        ["GET /api/account/sessions"] = Access.User,
        ["DELETE /api/account/sessions/{id}"] = Access.User,
        ["DELETE /api/account/sessions"] = Access.User,
        ["GET /api/admin/relay/metrics"] = Access.Directory,
        ["GET /api/admin/media/metrics"] = Access.Directory,
        ["POST /api/admin/users"] = Access.Directory,
        ["GET /api/admin/users"] = Access.Directory,
        ["GET /api/admin/users/{idOrUpn}"] = Access.Directory,
        ["PATCH /api/admin/users/{idOrUpn}"] = Access.Directory,
        ["DELETE /api/admin/users/{idOrUpn}"] = Access.Directory,
        ["POST /api/admin/users/{idOrUpn}/password-reset"] = Access.Directory,
        ["POST /api/admin/users/{idOrUpn}/authenticator-reset"] = Access.Directory,
        ["GET /api/admin/users/{idOrUpn}/sessions"] = Access.Directory,
        ["DELETE /api/admin/users/{idOrUpn}/sessions/{id}"] = Access.Directory,
        ["POST /api/admin/roles"] = Access.Roles,
        ["DELETE /api/admin/roles/{role}/users/{idOrUpn}"] = Access.Roles,
        ["POST /api/admin/groups"] = Access.Directory,
        ["GET /api/admin/groups"] = Access.Directory,
        ["GET /api/admin/groups/{idOrName}"] = Access.Directory,
        ["POST /api/admin/groups/{idOrName}/members"] = Access.Directory,
        ["DELETE /api/admin/groups/{idOrName}/members/{user}"] = Access.Directory,
        ["POST /api/admin/apps"] = Access.Directory,
        ["GET /api/admin/apps"] = Access.Directory,
        ["GET /api/admin/apps/{clientId}"] = Access.Directory,
        ["PATCH /api/admin/apps/{clientId}"] = Access.Directory,
        ["DELETE /api/admin/apps/{clientId}"] = Access.Directory,
        ["POST /api/admin/apps/{clientId}/secret"] = Access.Directory,
        ["GET /api/admin/policies"] = Access.Directory,
        ["GET /api/admin/policies/{type}"] = Access.Directory,
        ["POST /api/admin/policies/{type}"] = Access.Directory,
        ["POST /api/admin/policies/{type}/grants"] = Access.Directory,
        ["GET /api/admin/policies/{type}/group-assignments"] = Access.Directory,
        ["DELETE /api/admin/policies/{type}/group-assignments/{group}"] = Access.Directory,
        ["GET /api/admin/policies/{type}/{identity}"] = Access.Directory,
        ["PATCH /api/admin/policies/{type}/{identity}"] = Access.Directory,
        ["DELETE /api/admin/policies/{type}/{identity}"] = Access.Directory,
        ["GET /api/admin/effective-policy/{user}"] = Access.Directory,
        ["GET /api/admin/audit"] = Access.Audit,
        ["GET /api/admin/dlp/policies"] = Access.Compliance,
        ["POST /api/admin/dlp/policies"] = Access.Compliance,
        ["GET /api/admin/dlp/policies/{name}"] = Access.Compliance,
        ["PATCH /api/admin/dlp/policies/{name}"] = Access.Compliance,
        ["DELETE /api/admin/dlp/policies/{name}"] = Access.Compliance,
        ["GET /api/admin/dlp/rules"] = Access.Compliance,
        ["POST /api/admin/dlp/rules"] = Access.Compliance,
        ["GET /api/admin/dlp/rules/{name}"] = Access.Compliance,
        ["PATCH /api/admin/dlp/rules/{name}"] = Access.Compliance,
        ["DELETE /api/admin/dlp/rules/{name}"] = Access.Compliance,
        ["GET /api/admin/dlp/sensitive-types"] = Access.Compliance,
        ["POST /api/admin/dlp/sensitive-types"] = Access.Compliance,
        ["DELETE /api/admin/dlp/sensitive-types/{name}"] = Access.Compliance,
        ["POST /api/admin/dlp/classify"] = Access.Compliance,
        ["GET /api/admin/conditional-access/locations"] = Access.ConditionalAccess,
        ["POST /api/admin/conditional-access/locations"] = Access.ConditionalAccess,
        ["GET /api/admin/conditional-access/locations/{name}"] = Access.ConditionalAccess,
        ["PATCH /api/admin/conditional-access/locations/{name}"] = Access.ConditionalAccess,
        ["DELETE /api/admin/conditional-access/locations/{name}"] = Access.ConditionalAccess,
        ["GET /api/admin/conditional-access/policies"] = Access.ConditionalAccess,
        ["POST /api/admin/conditional-access/policies"] = Access.ConditionalAccess,
        ["GET /api/admin/conditional-access/policies/{name}"] = Access.ConditionalAccess,
        ["PATCH /api/admin/conditional-access/policies/{name}"] = Access.ConditionalAccess,
        ["DELETE /api/admin/conditional-access/policies/{name}"] = Access.ConditionalAccess,
        ["POST /api/admin/conditional-access/what-if"] = Access.ConditionalAccess,
        ["GET /api/admin/devices"] = Access.ConditionalAccess,
        ["PUT /api/admin/devices/{id}/compliance"] = Access.DeviceCompliance,
    };

    /// <summary>Hub method → who it is for (the call hub is for people's devices).</summary>
    private static readonly Dictionary<string, Access> HubMethods = new(StringComparer.Ordinal)
    {
        ["RegisterDevice"] = Access.User,
        ["PlaceCall"] = Access.User,
        ["Accept"] = Access.User,
        ["Decline"] = Access.User,
        ["Cancel"] = Access.User,
        ["HangUp"] = Access.User,
        ["SendDescription"] = Access.User,
        ["SendCandidate"] = Access.User,
        ["RequestFeature"] = Access.User,
        ["GetMissedCalls"] = Access.User,
    };

    private static IReadOnlyDictionary<CallerKind, string?>? _callers;
    private static readonly SemaphoreSlim CallersGate = new(1, 1);

    [Fact]
    public void EveryEndpoint_HasAnEntry()
    {
        var missing = RoutedEndpoints().Where(e => !Endpoints.ContainsKey(e)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an authorization matrix entry: " + string.Join(", ", missing));
        var stale = Endpoints.Keys.Except(RoutedEndpoints()).ToList();
        Assert.True(stale.Count == 0, "Matrix entries for endpoints that no longer exist: " + string.Join(", ", stale));

        var hubMethods = HubMethodsOfCallHub().Select(m => m.Name).ToList();
        Assert.True(hubMethods.All(HubMethods.ContainsKey), "Hub methods without an entry: " + string.Join(", ", hubMethods.Where(m => !HubMethods.ContainsKey(m))));
        Assert.True(HubMethods.Keys.All(hubMethods.Contains), "Hub entries for methods that no longer exist.");
    }

    [Fact]
    public async Task EveryEndpoint_EveryCallerKind_GetsTheExpectedStatus()
    {
        var callers = await CallersAsync();
        var wrong = new StringBuilder();
        var checkedCount = 0;
        foreach (var endpoint in RoutedEndpoints().Where(Endpoints.ContainsKey))
        {
            var access = Endpoints[endpoint];
            HttpStatusCode? anonymous = null;
            foreach (var (caller, token) in callers.OrderBy(c => c.Key))
            {
                var status = await SendAsync(endpoint, token);
                checkedCount++;
                if (access == Access.Anonymous)
                {
                    // Needs no token, and a token (live or dead) neither helps nor hurts: every caller
                    // gets what an anonymous one gets (the body's own credentials decide).
                    anonymous ??= status;
                    if (status == HttpStatusCode.Unauthorized || status != anonymous)
                    {
                        wrong.AppendLine($"{endpoint} as {caller}: {(int)status}, expected {(int)anonymous} as for an anonymous caller, never 401");
                    }

                    continue;
                }

                var allowed = AccessRules.Allows(access, caller);
                var ok = allowed
                    ? status is not HttpStatusCode.Unauthorized and not HttpStatusCode.Forbidden
                    : status == (AccessRules.IsDead(caller) ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden);
                if (!ok)
                {
                    wrong.AppendLine($"{endpoint} as {caller}: {(int)status}, expected {(allowed ? "not 401/403" : AccessRules.IsDead(caller) ? "401" : "403")}");
                }
            }
        }

        Assert.True(checkedCount == Endpoints.Count * callers.Count, $"{checkedCount} calls for {Endpoints.Count} endpoints × {callers.Count} callers");
        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    [Fact]
    public async Task EveryHubMethod_EveryCallerKind_IsAllowedOrRefusedAsExpected()
    {
        var callers = await CallersAsync();
        var wrong = new StringBuilder();
        foreach (var (caller, token) in callers)
        {
            await using var hub = HubClients.Build(server, token ?? "");
            var mayConnect = HubMethods.Values.Any(a => AccessRules.Allows(a, caller));
            HttpStatusCode? refusedWith = null;
            try
            {
                await hub.StartAsync();
            }
            catch (HttpRequestException e)
            {
                refusedWith = e.StatusCode;
            }

            if (!mayConnect)
            {
                var expected = AccessRules.IsDead(caller) ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
                if (refusedWith != expected)
                {
                    wrong.AppendLine($"hub connection as {caller}: {(refusedWith is null ? "connected" : ((int)refusedWith).ToString(System.Globalization.CultureInfo.InvariantCulture))}, expected {(int)expected}");
                }

                continue;
            }

            if (refusedWith is not null)
            {
                wrong.AppendLine($"hub connection as {caller}: refused with {(int)refusedWith}");
                continue;
            }

            foreach (var method in HubMethodsOfCallHub())
            {
                try
                {
                    await hub.InvokeCoreAsync(method.Name, typeof(object), ArgumentsFor(method));
                }
                catch (Exception e) when (e is HubException or InvalidOperationException)
                {
                    wrong.AppendLine($"{method.Name} as {caller}: {e.GetType().Name} {e.Message}");
                }
            }
        }

        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    private async Task<IReadOnlyDictionary<CallerKind, string?>> CallersAsync()
    {
        await CallersGate.WaitAsync();
        try
        {
            return _callers ??= await Callers.CreateAsync(server);
        }
        finally
        {
            CallersGate.Release();
        }
    }

    private async Task<HttpStatusCode> SendAsync(string endpoint, string? token)
    {
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(endpoint[..space]);
        // Route values name nothing that exists, so an allowed call changes nothing.
        var path = System.Text.RegularExpressions.Regex.Replace(endpoint[(space + 1)..], "\\{[^}]+\\}", "matrix-nothing");
        using var client = token is null ? server.CreateClient() : server.CreateClient(token);
        using var request = new HttpRequestMessage(method, path);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
        {
            // The OAuth endpoints and the sign-in page take forms (RFC 6749 §3.2), the API JSON.
            request.Content = path.StartsWith("/connect/", StringComparison.Ordinal) || path.StartsWith("/account/", StringComparison.Ordinal)
                ? new FormUrlEncodedContent([])
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only: the event stream never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private IEnumerable<string> RoutedEndpoints()
    {
        var sources = server.Server.App.Services.GetServices<EndpointDataSource>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            if (pattern.StartsWith(CallHub.Path, StringComparison.Ordinal))
            {
                continue; // the hub: by method, below
            }

            if (pattern.StartsWith(ChatHubNames.Path, StringComparison.Ordinal))
            {
                continue; // the chat hub has no methods; who may connect: Chat/ChatHubTests
            }

            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
            {
                yield return $"{method} {pattern}";
            }
        }
    }

    private static IEnumerable<MethodInfo> HubMethodsOfCallHub() =>
        typeof(CallHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not (nameof(CallHub.OnConnectedAsync) or nameof(CallHub.OnDisconnectedAsync)));

    private static object?[] ArgumentsFor(MethodInfo method) =>
        [.. method.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(string) => "matrix-nothing",
            var t when t == typeof(bool) => (object)false,
            var t when t == typeof(Guid) => Guid.NewGuid(),
            var t => t.IsValueType ? Activator.CreateInstance(t) : null,
        })];
}
