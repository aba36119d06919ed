namespace Conclave.Client.Auth;

/// <summary>
/// An OAuth 2.0 error answer (RFC 6749 §5.2, RFC 8628 §3.5) with Conclave's machine code from the
/// <c>conclave_code</c> extension parameter when the server gave one.
/// </summary>
public sealed class OAuthException : Exception
{
    public OAuthException()
    {
    }

    public OAuthException(string message)
        : base(message)
    {
    }

    public OAuthException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OAuthException(string error, string? description, string? conclaveCode, int statusCode)
        : base(description ?? error)
    {
        Error = error;
        Description = description;
        ConclaveCode = conclaveCode;
        StatusCode = statusCode;
    }

    /// <summary>The OAuth <c>error</c> (e.g. <c>invalid_grant</c>, <c>authorization_pending</c>).</summary>
    public string Error { get; } = "";

    public string? Description { get; }

    /// <summary>Conclave's code (see <see cref="Conclave.Contracts.Errors.ErrorCodes.Auth"/>), or null.</summary>
    public string? ConclaveCode { get; }

    public int StatusCode { get; }

    /// <summary>The code to show a person: Conclave's when present, else the OAuth error.</summary>
    public string DisplayCode => ConclaveCode ?? Error;
}
