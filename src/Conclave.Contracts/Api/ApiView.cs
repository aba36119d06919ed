using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conclave.Contracts.Api;

/// <summary>
/// An answer of the API. A reader keeps the fields a newer server adds in <see cref="Extra"/> (and writes them back
/// when it prints the answer), so a client never silently drops what it was told; the server leaves it null.
/// </summary>
public abstract record ApiView
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; init; }
}
