using System.Security.Cryptography;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// A certificate fingerprint as carried by <c>a=fingerprint</c> (RFC 8122 §5): the hash function name
/// and the hash of the DER certificate. Conclave produces and accepts SHA-256 only, which is what
/// WebRTC endpoints use (RFC 8827 §6.5 requires SHA-256 support).
/// </summary>
public sealed class DtlsFingerprint : IEquatable<DtlsFingerprint>
{
    /// <summary>Hash function token in SDP.</summary>
    public const string Sha256Algorithm = "sha-256";

    /// <summary>Length of a SHA-256 fingerprint in bytes.</summary>
    public const int Sha256Length = 32;

    private readonly byte[] _value;

    private DtlsFingerprint(byte[] value) => _value = value;

    /// <summary>The 32 raw bytes of the SHA-256 hash.</summary>
    public ReadOnlySpan<byte> Value => _value;

    /// <summary>Builds a fingerprint from its 32 raw SHA-256 bytes (copied).</summary>
    public static DtlsFingerprint FromSha256(ReadOnlySpan<byte> value)
    {
        if (value.Length != Sha256Length)
        {
            throw new ArgumentException("A SHA-256 fingerprint is 32 bytes.", nameof(value));
        }

        return new DtlsFingerprint(value.ToArray());
    }

    /// <summary>Fingerprint of a DER-encoded certificate.</summary>
    public static DtlsFingerprint OfCertificate(ReadOnlySpan<byte> derCertificate) =>
        new(SHA256.HashData(derCertificate));

    /// <summary>
    /// Parses an <c>a=fingerprint</c> value such as <c>sha-256 AB:CD:...</c>. The hash name and the hex
    /// digits are case-insensitive (RFC 8122 §5: "UPHEX" on output, but browsers' APIs give lowercase).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out DtlsFingerprint? fingerprint)
    {
        fingerprint = null;
        text = text.Trim();
        int space = text.IndexOf(' ');
        if (space < 0 || !text[..space].Equals(Sha256Algorithm, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ReadOnlySpan<char> hex = text[(space + 1)..].TrimStart();

        // 32 bytes: 32 pairs of hex digits with 31 colons between them.
        if (hex.Length != (Sha256Length * 3) - 1)
        {
            return false;
        }

        var value = new byte[Sha256Length];
        for (int i = 0; i < Sha256Length; i++)
        {
            int at = i * 3;
            if (i > 0 && hex[at - 1] != ':')
            {
                return false;
            }

            int high = HexValue(hex[at]);
            int low = HexValue(hex[at + 1]);
            if (high < 0 || low < 0)
            {
                return false;
            }

            value[i] = (byte)((high << 4) | low);
        }

        fingerprint = new DtlsFingerprint(value);
        return true;
    }

    /// <summary>Whether a DER certificate hashes to this fingerprint, compared in constant time.</summary>
    public bool Matches(ReadOnlySpan<byte> derCertificate)
    {
        Span<byte> hash = stackalloc byte[Sha256Length];
        SHA256.HashData(derCertificate, hash);
        return CryptographicOperations.FixedTimeEquals(hash, _value);
    }

    /// <summary>The SDP form: <c>sha-256 AB:CD:...</c> with uppercase hex (RFC 8122 §5).</summary>
    public string ToSdpValue() => Sha256Algorithm + " " + ToColonHex();

    /// <summary>Uppercase hex pairs separated by colons.</summary>
    public string ToColonHex()
    {
        return string.Create((_value.Length * 3) - 1, _value, static (span, bytes) =>
        {
            const string digits = "0123456789ABCDEF";
            for (int i = 0; i < bytes.Length; i++)
            {
                int at = i * 3;
                if (i > 0)
                {
                    span[at - 1] = ':';
                }

                span[at] = digits[bytes[i] >> 4];
                span[at + 1] = digits[bytes[i] & 0xF];
            }
        });
    }

    public bool Equals(DtlsFingerprint? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_value, other._value);

    public override bool Equals(object? obj) => Equals(obj as DtlsFingerprint);

    public override int GetHashCode() => BitConverter.ToInt32(_value, 0);

    public override string ToString() => ToSdpValue();

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
