using System.Text.Json;
using System.Threading.Channels;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Sessions;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Observability;

/// <summary>A device on the call hub that registers, and places, answers and ends calls as the web page does.</summary>
internal sealed class HubPeer : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly Channel<JsonElement> _incoming = Channel.CreateUnbounded<JsonElement>();
    private readonly Channel<JsonElement> _descriptions = Channel.CreateUnbounded<JsonElement>();

    private HubPeer(HubConnection hub)
    {
        _hub = hub;
        _hub.On<JsonElement>("IncomingCall", m => _incoming.Writer.TryWrite(m));
        _hub.On<JsonElement>("Description", m => _descriptions.Writer.TryWrite(m));
    }

    public static async Task<HubPeer> ConnectAsync(ServerFixture server, string accessToken)
    {
        var peer = new HubPeer(HubClients.Build(server, accessToken));
        await peer._hub.StartAsync();
        var device = await peer._hub.InvokeAsync<JsonElement>("RegisterDevice", "observed", true);
        Assert.Equal(JsonValueKind.Null, device.GetProperty("error").ValueKind);
        return peer;
    }

    /// <summary>Grants the users a policy that requires E2EE, so that a call between them relays SDP end to end.</summary>
    public static async Task RequireE2eeAsync(ServerFixture server, params string[] upns)
    {
        const string Policies = "/api/admin/policies/TeamsEnhancedEncryptionPolicy";
        var admin = await server.SignInAdminAsync();
        var name = ServerFixture.UniqueName("Required");
        using (var created = await server.PostJsonAsync(Policies, new { identity = $"Tag:{name}", parameters = new { CallingEndtoEndEncryptionEnabledType = "Required" } }, admin))
        {
            Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        }

        foreach (var upn in upns)
        {
            using var granted = await server.PostJsonAsync($"{Policies}/grants", new { user = upn, policyName = name }, admin);
            Assert.True(granted.IsSuccessStatusCode, await granted.Content.ReadAsStringAsync());
        }
    }

    public async Task<JsonElement> PlaceAsync(string calleeUpn)
    {
        var answer = await _hub.InvokeAsync<JsonElement>("PlaceCall", calleeUpn);
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("error").ValueKind);
        return answer;
    }

    public async Task<Guid> AnswerNextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var incoming = await _incoming.Reader.ReadAsync(timeout.Token);
        var callId = incoming.GetProperty("callId").GetGuid();
        var accepted = await _hub.InvokeAsync<JsonElement>("Accept", callId.ToString());
        Assert.Equal(JsonValueKind.Null, accepted.GetProperty("error").ValueKind);
        return callId;
    }

    public async Task SendDescriptionAsync(Guid callId, string type, string sdp) =>
        Assert.Null(await _hub.InvokeAsync<JsonElement?>("SendDescription", callId.ToString(), type, sdp));

    public async Task<string> NextDescriptionAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return (await _descriptions.Reader.ReadAsync(timeout.Token)).GetProperty("sdp").GetString()!;
    }

    public Task HangUpAsync(Guid callId) => _hub.InvokeAsync<JsonElement?>("HangUp", callId.ToString());

    public ValueTask DisposeAsync() => _hub.DisposeAsync();
}
