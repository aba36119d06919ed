using Conclave.Protocols.Dtls;

namespace Conclave.Client.Media;

/// <summary>A call leg failed to set up: the reason is <see cref="Error"/>, a stable value to branch on.</summary>
public sealed class MediaCallException : Exception
{
    public MediaCallException()
        : this(MediaCallError.None)
    {
    }

    public MediaCallException(string message)
        : base(message)
    {
    }

    public MediaCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MediaCallException(MediaCallError error, DtlsSrtpError dtlsError = DtlsSrtpError.None)
        : base(dtlsError == DtlsSrtpError.None ? $"Call setup failed: {error}." : $"Call setup failed: {error} (DTLS: {dtlsError}).")
    {
        Error = error;
        DtlsError = dtlsError;
    }

    /// <summary>Why the call failed.</summary>
    public MediaCallError Error { get; }

    /// <summary>The DTLS-SRTP failure behind <see cref="MediaCallError.FingerprintMismatch"/> or <see cref="MediaCallError.DtlsFailed"/>.</summary>
    public DtlsSrtpError DtlsError { get; }
}
