using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Chat;
using Conclave.Domain.Directory;
using Conclave.Server.Directory;
using Conclave.Server.Tests.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Chat;

/// <summary>A signed-in person of a chat test: their UPN, account id and an API client with their token.</summary>
public sealed class ChatPerson(TestHost server, string upn, string id, string token) : IDisposable
{
    public const string Password = "chat-password-123";

    public string Upn { get; } = upn;

    public string Id { get; } = id;

    public string Token { get; } = token;

    public HttpClient Http { get; } = server.CreateClient(token);

    /// <summary>A new member of the tenant (made in the store), signed in with the password grant.</summary>
    public static async Task<ChatPerson> NewAsync(TestHost server, string prefix)
    {
        var (upn, id) = await server.CreateMemberAsync(TestHost.UniqueName(prefix), Password);
        return new ChatPerson(server, upn, id.ToString(), await server.SignInAsync(upn, Password));
    }

    /// <summary>Changes a stored account's kind or enabled flag (set-up: the admin API is not what these tests are about).</summary>
    public static async Task SetAccountAsync(TestHost server, string upn, UserKind kind, bool enabled)
    {
        using var scope = server.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
        var user = await users.FindByNameAsync(upn);
        user!.Kind = kind;
        user.Enabled = enabled;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }

    public async Task<ChatView> CreateGroupAsync(params ChatPerson[] others)
    {
        using var response = await Http.PostAsJsonAsync("/api/chats", new CreateChatRequest(ChatKindNames.Group, [.. others.Select(o => o.Upn)], "Plans"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatView>())!;
    }

    public async Task<ChatView> CreateOneOnOneAsync(ChatPerson other)
    {
        using var response = await Http.PostAsJsonAsync("/api/chats", new CreateChatRequest(ChatKindNames.OneOnOne, [other.Upn], null));
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, response.StatusCode.ToString());
        return (await response.Content.ReadFromJsonAsync<ChatView>())!;
    }

    public Task<HttpResponseMessage> SendRawAsync(Guid chatId, SendMessageRequest request) =>
        Http.PostAsJsonAsync($"/api/chats/{chatId}/messages", request);

    public async Task<MessageView> SendAsync(Guid chatId, string text, params string[] mentions)
    {
        using var response = await SendRawAsync(chatId, new SendMessageRequest(Guid.NewGuid(), text, null, mentions));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<MessageView>())!;
    }

    public async Task<ChatEventPage> EventsAsync(Guid chatId, long after = 0, int take = 200)
    {
        using var response = await Http.GetAsync($"/api/chats/{chatId}/events?after={after}&take={take}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatEventPage>())!;
    }

    /// <summary>A chat-hub connection with this person's token, over WebSockets as browsers connect, the certificate pinned.</summary>
    public static HubConnection Hub(TestHost server, string token) => HubClients.Build(server, token, ChatHubNames.Path);

    public void Dispose() => Http.Dispose();
}

/// <summary>Reading a problem details answer's code.</summary>
public static class ProblemCodes
{
    public static async Task<string?> CodeOfAsync(HttpResponseMessage response)
    {
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
    }

    /// <summary>Asserts the status and the code of a refusal.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal((status, code), (response.StatusCode, await CodeOfAsync(response)));
    }
}
