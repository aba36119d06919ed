using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Conclave.Client.Auth;

/// <summary>
/// The SHA-256 fingerprint of a server certificate (over its DER encoding), the value a profile pins.
/// Shown as upper-case hex pairs separated by colons, as browsers and <c>openssl x509 -fingerprint</c> do.
/// </summary>
public sealed class CertificateFingerprint : IEquatable<CertificateFingerprint>
{
    private const int Sha256Length = 32;
    private readonly byte[] _hash;

    private CertificateFingerprint(byte[] hash) => _hash = hash;

    public static CertificateFingerprint Of(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new CertificateFingerprint(SHA256.HashData(certificate.GetRawCertData()));
    }

    /// <summary>Accepts hex with or without colons or spaces, any case.</summary>
    public static bool TryParse(string? text, out CertificateFingerprint? fingerprint)
    {
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        Span<char> hex = stackalloc char[Sha256Length * 2];
        var count = 0;
        foreach (var c in text)
        {
            if (c is ':' or ' ' or '-')
                continue;
            if (!char.IsAsciiHexDigit(c) || count == hex.Length)
                return false;
            hex[count++] = c;
        }
        if (count != hex.Length)
            return false;
        var bytes = new byte[Sha256Length];
        for (var i = 0; i < Sha256Length; i++)
            bytes[i] = byte.Parse(hex.Slice(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        fingerprint = new CertificateFingerprint(bytes);
        return true;
    }

    /// <summary>Compares in constant time so a pin check leaks nothing about where two hashes differ.</summary>
    public bool Matches(CertificateFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return CryptographicOperations.FixedTimeEquals(_hash, other._hash);
    }

    public bool Equals(CertificateFingerprint? other) => other is not null && Matches(other);

    public override bool Equals(object? obj) => obj is CertificateFingerprint other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(_hash, 0);

    public override string ToString() => string.Join(':', _hash.Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
}
