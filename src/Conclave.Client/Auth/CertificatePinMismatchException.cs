namespace Conclave.Client.Auth;

/// <summary>The server presented a certificate other than the one pinned in the profile.</summary>
public sealed class CertificatePinMismatchException : ServerUnreachableException
{
    public CertificatePinMismatchException()
    {
    }

    public CertificatePinMismatchException(string message)
        : base(message)
    {
    }

    public CertificatePinMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CertificatePinMismatchException(CertificateFingerprint pinned, CertificateFingerprint? presented, Exception innerException)
        : base(
            $"The server's certificate does not match the one pinned for this profile.{Environment.NewLine}" +
            $"  pinned:    {pinned}{Environment.NewLine}" +
            $"  presented: {presented?.ToString() ?? "(none)"}{Environment.NewLine}" +
            "This happens when the server's certificate was replaced, or when someone is intercepting the connection. " +
            "Check the new fingerprint with the server's administrator; if it is right, trust it with " +
            "`conclave login --server URL --trust-fingerprint <new fingerprint>` (or `--ca FILE`).",
            innerException)
    {
        Pinned = pinned;
        Presented = presented;
    }

    public CertificateFingerprint? Pinned { get; }

    public CertificateFingerprint? Presented { get; }
}
