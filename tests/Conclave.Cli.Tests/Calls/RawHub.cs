using System.Text.Json;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Cli.Tests.Calls;

/// <summary>
/// A bare connection to the call hub with a user's token, for what no well-behaved client sends: null,
/// malformed and oversized arguments. Answers are read as JSON, exactly as the server wrote them.
/// </summary>
internal static class RawHub
{
    public static async Task<HubConnection> ConnectAsync(CallServerFixture server, ConclaveSession session)
    {
        var pinned = server.Server.Certificate.GetCertHashString();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Endpoint.BaseAddress, CallClient.HubPath), o =>
            {
                o.AccessTokenProvider = async () => await session.Tokens.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
                o.HttpMessageHandlerFactory = h =>
                {
                    ((HttpClientHandler)h).ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
                    return h;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
            })
            .Build();
        await hub.StartAsync(CancellationToken.None).Within();
        return hub;
    }

    public static Task<JsonElement> CallAsync(this HubConnection hub, string method, params object?[] arguments) =>
        hub.InvokeCoreAsync<JsonElement>(method, arguments, CancellationToken.None).Within();

    /// <summary>The refusal in an answer: the answer itself (<c>{ code, message }</c>) or its <c>error</c> member; null when none.</summary>
    public static JsonElement? RefusalOf(JsonElement answer)
    {
        if (answer.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (answer.TryGetProperty("error", out var error))
        {
            return error.ValueKind == JsonValueKind.Null ? null : error;
        }

        return answer.TryGetProperty("code", out _) ? answer : null;
    }

    public static string? CodeOf(JsonElement answer) => RefusalOf(answer)?.GetProperty("code").GetString();
}
