namespace Conclave.Domain.Common;

/// <summary>
/// A refusal the domain explains: a stable machine <paramref name="Code"/> (e.g. <c>call.e2ee_active</c>,
/// <c>policy.invalid_value</c>) that clients branch on, and human <paramref name="Message"/> text.
/// The edge maps it to RFC 9457 problem details or a SignalR error carrying the code.
/// </summary>
public sealed record Error(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>How an <see cref="Error"/> maps to a transport status (HTTP 400, 403, 404, 409, 413, 429).</summary>
public enum ErrorKind
{
    Invalid,
    Forbidden,
    NotFound,
    Conflict,
    TooMany,

    /// <summary>The content is larger than the limit (HTTP 413).</summary>
    TooLarge,
}
