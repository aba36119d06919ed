namespace Conclave.Contracts.Errors;

/// <summary>
/// Every error code the server and the .NET client use, one list grouped by area, each in the form
/// <c>area.snake_case</c>. A code is sent as the <c>code</c> member of RFC 9457 problem details, as the
/// <c>conclave_code</c> parameter of a refused token request, and as the <c>Code</c> of a call hub
/// refusal; the human text of each is beside it in its area's <c>Catalog</c>.
/// </summary>
public static partial class ErrorCodes
{
    /// <summary>Every code with its description, area by area (for documentation and the contract tests).</summary>
    public static IReadOnlyList<ErrorCodeInfo> All { get; } =
    [
        .. Request.Catalog,
        .. Server.Catalog,
        .. Auth.Catalog,
        .. Directory.Catalog,
        .. Policy.Catalog,
        .. Call.Catalog,
        .. Media.Catalog,
        .. Relay.Catalog,
        .. Chat.Catalog,
        .. Team.Catalog,
        .. Dlp.Catalog,
        .. File.Catalog,
        .. Access.Catalog,
        .. Client.Catalog,
    ];
}
