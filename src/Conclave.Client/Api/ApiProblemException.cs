using System.Text.Json;

namespace Conclave.Client.Api;

/// <summary>The server refused a request with RFC 9457 problem details; <see cref="Code"/> is Conclave's stable machine code.</summary>
public sealed class ApiProblemException : Exception
{
    public ApiProblemException()
    {
    }

    public ApiProblemException(string message)
        : base(message)
    {
    }

    public ApiProblemException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ApiProblemException(int statusCode, string code, string? title, string? detail)
        : base($"{code}: {detail ?? title ?? "the server refused the request"}")
    {
        StatusCode = statusCode;
        Code = code;
        Title = title;
        Detail = detail;
    }

    public int StatusCode { get; }

    /// <summary>The <c>code</c> extension member, or <c>http.NNN</c> when the server gave none.</summary>
    public string Code { get; } = "";

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Reads a refusal; never throws on a malformed body.</summary>
    public static async Task<ApiProblemException> FromResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        string? code = null, title = null, detail = null;
        try
        {
            using var json = JsonDocument.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body);
            if (json.RootElement.ValueKind == JsonValueKind.Object)
            {
                code = Read(json.RootElement, "code") ?? Read(json.RootElement, "conclave_code") ?? Read(json.RootElement, "error");
                title = Read(json.RootElement, "title");
                detail = Read(json.RootElement, "detail") ?? Read(json.RootElement, "error_description") ?? ValidationErrors(json.RootElement);
            }
        }
        catch (JsonException)
        {
        }
        title ??= response.ReasonPhrase;
        if (status == 429 && response.Headers.RetryAfter?.Delta is { } retry)
            detail = $"{detail ?? "Too many requests."} Retry after {retry.TotalSeconds:0} s.";
        return new ApiProblemException(status, code ?? $"http.{status}", title, detail);
    }

    private static string? Read(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // ASP.NET Core's validation problem details list messages per field under "errors".
    private static string? ValidationErrors(JsonElement root)
    {
        if (!root.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Object)
            return null;
        var messages = errors.EnumerateObject()
            .SelectMany(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().Select(m => $"{p.Name}: {m}") : [])
            .ToList();
        return messages.Count == 0 ? null : string.Join("; ", messages);
    }
}
