using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conclave.Client.Api;

/// <summary>The JSON conventions of the Conclave API: camelCase names, enums as strings, nulls omitted.</summary>
public static class ConclaveJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>A buffered JSON body: sent with Content-Length rather than chunked.</summary>
    public static StringContent Content(object body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return new StringContent(JsonSerializer.Serialize(body, body.GetType(), Options), System.Text.Encoding.UTF8, "application/json");
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
