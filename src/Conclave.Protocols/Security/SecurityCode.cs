using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Security;

/// <summary>
/// The 20-digit call security code (docs/security-code.md). Both people compute it from the two
/// DTLS certificate fingerprints their own endpoints saw; if someone in the signaling path swapped
/// a certificate, the two screens show different codes.
/// </summary>
public static class SecurityCode
{
    /// <summary>Domain-separation prefix hashed before the fingerprints (ASCII, no terminator).</summary>
    public const string Label = "conclave-call-security-code-v1";

    /// <summary>Number of five-digit groups.</summary>
    public const int GroupCount = 4;

    private const int GroupBytes = 5;
    private const int GroupModulus = 100_000;

    /// <summary>The code for two certificates' fingerprints, in either order.</summary>
    public static string Compute(DtlsFingerprint a, DtlsFingerprint b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Compute(a.Value, b.Value);
    }

    /// <summary>
    /// <c>SHA-256(Label ‖ min(fpA, fpB) ‖ max(fpA, fpB))</c> with the fingerprints (32 raw bytes each)
    /// ordered bytewise, then four groups: each the big-endian integer of the next 5 hash bytes
    /// modulo 100000, zero-padded, separated by spaces: <c>"12345 67890 12345 67890"</c>.
    /// </summary>
    public static string Compute(ReadOnlySpan<byte> fingerprintA, ReadOnlySpan<byte> fingerprintB)
    {
        if (fingerprintA.Length != DtlsFingerprint.Sha256Length || fingerprintB.Length != DtlsFingerprint.Sha256Length)
        {
            throw new ArgumentException("Fingerprints are 32-byte SHA-256 values.");
        }

        // Sorting makes the code the same on both sides, whoever is "local".
        bool aFirst = fingerprintA.SequenceCompareTo(fingerprintB) <= 0;
        ReadOnlySpan<byte> first = aFirst ? fingerprintA : fingerprintB;
        ReadOnlySpan<byte> second = aFirst ? fingerprintB : fingerprintA;

        Span<byte> input = stackalloc byte[Label.Length + (2 * DtlsFingerprint.Sha256Length)];
        int labelLength = Encoding.ASCII.GetBytes(Label, input);
        first.CopyTo(input[labelLength..]);
        second.CopyTo(input[(labelLength + DtlsFingerprint.Sha256Length)..]);

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);

        var code = new StringBuilder((GroupCount * 6) - 1);
        Span<byte> wide = stackalloc byte[8];
        for (int group = 0; group < GroupCount; group++)
        {
            // Big-endian 40-bit integer in the low bytes of a 64-bit one.
            wide.Clear();
            hash.Slice(group * GroupBytes, GroupBytes).CopyTo(wide[(8 - GroupBytes)..]);
            ulong value = BinaryPrimitives.ReadUInt64BigEndian(wide) % GroupModulus;
            if (group > 0)
            {
                code.Append(' ');
            }

            code.Append(value.ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        }

        return code.ToString();
    }
}
