using System.Net;
using System.Text.Json;

namespace Conclave.Testing;

/// <summary>A /connect/token answer: tokens on success, the OAuth error and Conclave code otherwise.</summary>
public sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public bool Succeeded => Status == HttpStatusCode.OK && Body.TryGetProperty("access_token", out _);

    public string AccessToken => Body.GetProperty("access_token").GetString()!;

    public string? RefreshToken => Body.TryGetProperty("refresh_token", out var r) ? r.GetString() : null;

    public string? Error => Body.TryGetProperty("error", out var e) ? e.GetString() : null;

    public string? ConclaveCode => Body.TryGetProperty("conclave_code", out var c) ? c.GetString() : null;

    public override string ToString() => $"{(int)Status} {Body}";
}
