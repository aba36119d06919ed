namespace Conclave.Client.Auth;

/// <summary>How a client decides to trust the server's TLS certificate.</summary>
public sealed record ServerTrust
{
    private ServerTrust(CertificateFingerprint? pinned, string? caFile)
    {
        PinnedFingerprint = pinned;
        CaFile = caFile;
    }

    /// <summary>The exact certificate a profile accepts (trust on first use, then pinned).</summary>
    public CertificateFingerprint? PinnedFingerprint { get; }

    /// <summary>A PEM file of certificate authorities the server's chain must end in.</summary>
    public string? CaFile { get; }

    /// <summary>True when no pin and no CA exist yet: any certificate is accepted once and its fingerprint recorded.</summary>
    public bool IsFirstUse => PinnedFingerprint is null && CaFile is null;

    public static ServerTrust FirstUse { get; } = new(null, null);

    public static ServerTrust Pinned(CertificateFingerprint fingerprint) =>
        new(fingerprint ?? throw new ArgumentNullException(nameof(fingerprint)), null);

    public static ServerTrust FromCaFile(string caFile) =>
        new(null, string.IsNullOrWhiteSpace(caFile) ? throw new ArgumentException("A CA file path is required.", nameof(caFile)) : caFile);
}
