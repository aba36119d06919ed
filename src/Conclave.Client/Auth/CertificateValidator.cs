using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Conclave.Client.Auth;

/// <summary>
/// Checks the server certificate of every TLS handshake against a <see cref="ServerTrust"/> and remembers
/// what the server presented, so a refusal can be explained (pin mismatch vs. untrusted chain).
/// </summary>
internal sealed class CertificateValidator
{
    private readonly ServerTrust _trust;
    private readonly X509Certificate2Collection? _authorities;
    private CertificateFingerprint? _presented;
    private CertificateRefusal _refusal;

    public CertificateValidator(ServerTrust trust)
    {
        _trust = trust;
        if (trust.CaFile is { } caFile)
        {
            _authorities = [];
            _authorities.ImportFromPemFile(caFile);
            if (_authorities.Count == 0)
                throw new InvalidDataException($"The CA file '{caFile}' holds no PEM certificate.");
        }
    }

    /// <summary>The fingerprint of the last certificate the server presented, or null before any handshake.</summary>
    public CertificateFingerprint? Presented => Volatile.Read(ref _presented);

    public CertificateRefusal LastRefusal => _refusal;

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null)
            return Refuse(CertificateRefusal.NoCertificate);
        var fingerprint = CertificateFingerprint.Of(certificate);
        Volatile.Write(ref _presented, fingerprint);

        if (_trust.PinnedFingerprint is { } pinned)
            return pinned.Matches(fingerprint) || Refuse(CertificateRefusal.PinMismatch);
        if (_authorities is not null)
            return ChainsToAuthority(certificate, errors) || Refuse(CertificateRefusal.UntrustedChain);
        return true;
    }

    private bool ChainsToAuthority(X509Certificate certificate, SslPolicyErrors errors)
    {
        if ((errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
            return false;
        using var leaf = new X509Certificate2(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities!);
        // A private CA for a self-hosted server rarely publishes revocation lists.
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private bool Refuse(CertificateRefusal refusal)
    {
        _refusal = refusal;
        return false;
    }
}

internal enum CertificateRefusal
{
    None,
    NoCertificate,
    PinMismatch,
    UntrustedChain,
}
