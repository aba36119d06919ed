using System.Text.Json;
using Conclave.Client.Auth;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Testing;

/// <summary>
/// A bare connection to the call hub with a user's token, for what no well-behaved client sends: null,
/// malformed and oversized arguments. Answers are read as JSON, exactly as the server wrote them.
/// </summary>
public static class RawHub
{
    public static Task<HubConnection> ConnectAsync(TestHost server, ConclaveSession session) => server.ConnectHubAsync(session);

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
