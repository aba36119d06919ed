using System.Buffers.Binary;
using Conclave.Protocols.Srtp;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// What the relay of an end-to-end encrypted call saw, judged datagram by datagram: each must be
/// STUN, DTLS or SRTP/SRTCP by its first byte (RFC 7983 §7), DTLS must carry nothing but the
/// handshake in the clear (RFC 6347 §4.1: records after ChangeCipherSpec are in epoch 1 and
/// encrypted), SRTCP must have its E flag set (RFC 3711 §3.4), media payloads must look random, and no
/// 16-byte run of the audio the sender encoded may appear anywhere.
/// </summary>
internal sealed class RelayedTrafficInspection
{
    /// <summary>Length of the plaintext runs searched for: 2^-128 chance of a false match in ciphertext.</summary>
    public const int WindowLength = 16;

    /// <summary>
    /// Fewest distinct byte values in 160 or more bytes of ciphertext: random bytes have about 119
    /// (σ ≈ 4); a PCMU tone frame has 8 (1000 Hz) to 75 (440 Hz).
    /// </summary>
    public const int MinDistinctBytes = 95;

    private readonly HashSet<UInt128> _plaintextWindows = [];
    private readonly SrtpProfile _profile;

    public RelayedTrafficInspection(IEnumerable<byte[]> plaintextFrames, SrtpProfile profile)
    {
        _profile = profile;
        foreach (var frame in plaintextFrames)
        {
            for (var i = 0; i + WindowLength <= frame.Length; i++)
            {
                _plaintextWindows.Add(BinaryPrimitives.ReadUInt128BigEndian(frame.AsSpan(i)));
            }
        }
    }

    public int Stun { get; private set; }

    /// <summary>DTLS records in epoch 0: the handshake before ChangeCipherSpec.</summary>
    public int DtlsPlaintextRecords { get; private set; }

    /// <summary>DTLS records in epoch 1 or later (or DTLS 1.3 ciphertext): encrypted.</summary>
    public int DtlsEncryptedRecords { get; private set; }

    public int Srtcp { get; private set; }

    /// <summary>SRTP packets by SSRC.</summary>
    public Dictionary<uint, int> SrtpBySsrc { get; } = [];

    public List<string> Problems { get; } = [];

    public void Inspect(ReadOnlySpan<byte> datagram, string label)
    {
        var problem = ContainsPlaintext(datagram) ? "contains a run of the sent audio" : Classify(datagram);
        if (problem is not null)
        {
            Problems.Add($"{label} ({datagram.Length} bytes, first {(datagram.IsEmpty ? "-" : datagram[0].ToString(System.Globalization.CultureInfo.InvariantCulture))}): {problem}");
        }
    }

    public bool ContainsPlaintext(ReadOnlySpan<byte> datagram)
    {
        for (var i = 0; i + WindowLength <= datagram.Length; i++)
        {
            if (_plaintextWindows.Contains(BinaryPrimitives.ReadUInt128BigEndian(datagram[i..])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Null when the datagram is acceptable, else why not.</summary>
    private string? Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return "empty";
        }

        // RFC 7983 §7: 0–3 STUN, 20–63 DTLS, 128–191 RTP/RTCP; anything else has no business here.
        return datagram[0] switch
        {
            <= 3 => CheckStun(datagram),
            >= 20 and <= 63 => CheckDtls(datagram),
            >= 128 and <= 191 => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223 ? CheckSrtcp(datagram) : CheckSrtp(datagram),
            _ => "not STUN, DTLS or SRTP (RFC 7983)",
        };
    }

    /// <summary>RFC 8489 §5: 20-byte header, length a multiple of 4 covering the rest, the magic cookie.</summary>
    private string? CheckStun(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 20 || BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]) != 0x2112A442 ||
            BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]) != datagram.Length - 20 || (datagram.Length & 3) != 0)
        {
            return "malformed STUN";
        }

        Stun++;
        return null;
    }

    /// <summary>
    /// RFC 6347 §4.1: records of type(1) version(2) epoch(2) sequence(6) length(2). In epoch 0 only the
    /// handshake (before Finished), ChangeCipherSpec and alerts may appear; application data only
    /// encrypted. RFC 9147 §4: a first byte 001xxxxx is a DTLS 1.3 ciphertext header.
    /// </summary>
    private string? CheckDtls(ReadOnlySpan<byte> datagram)
    {
        var rest = datagram;
        while (!rest.IsEmpty)
        {
            if ((rest[0] & 0xE0) == 0x20)
            {
                DtlsEncryptedRecords++;
                return null;
            }

            if (rest.Length < 13)
            {
                return "truncated DTLS record header";
            }

            var type = rest[0];
            var epoch = BinaryPrimitives.ReadUInt16BigEndian(rest[3..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(rest[11..]);
            if (rest.Length < 13 + length)
            {
                return "DTLS record longer than the datagram";
            }

            var fragment = rest.Slice(13, length);
            if (epoch > 0)
            {
                DtlsEncryptedRecords++;
            }
            else
            {
                // Handshake message types (RFC 5246 §7.4, RFC 6347 §4.3.2): hello_request 0, client_hello 1,
                // server_hello 2, hello_verify_request 3, certificate 11, server_key_exchange 12,
                // certificate_request 13, server_hello_done 14, certificate_verify 15, client_key_exchange 16.
                // Finished (20) is always sent encrypted.
                var allowed = type switch
                {
                    20 or 21 => true,
                    22 => !fragment.IsEmpty && fragment[0] is <= 3 or (>= 11 and <= 16),
                    _ => false,
                };
                if (!allowed)
                {
                    return $"DTLS content type {type} in the clear (epoch 0)";
                }

                DtlsPlaintextRecords++;
            }

            rest = rest[(13 + length)..];
        }

        return null;
    }

    /// <summary>RFC 3550 §5.1 header (CSRCs, RFC 8285 extension), then ciphertext that must look random.</summary>
    private string? CheckSrtp(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 12 || datagram[0] >> 6 != 2)
        {
            return "not an RTP version 2 header";
        }

        var header = 12 + (4 * (datagram[0] & 0x0F));
        if ((datagram[0] & 0x10) != 0)
        {
            if (datagram.Length < header + 4)
            {
                return "truncated RTP header extension";
            }

            header += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(datagram[(header + 2)..]));
        }

        if (datagram.Length <= header)
        {
            return "RTP header without payload";
        }

        if (LooksPlain(datagram[header..]))
        {
            return "RTP payload does not look encrypted";
        }

        var ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
        SrtpBySsrc[ssrc] = SrtpBySsrc.GetValueOrDefault(ssrc) + 1;
        return null;
    }

    /// <summary>
    /// The E flag of the SRTCP index word: RFC 7714 §9.1 puts it last for AEAD profiles; RFC 3711 §3.4
    /// before the 80-bit tag (RFC 5764 §4.1.2: SRTCP keeps 80 bits even for _32).
    /// </summary>
    private string? CheckSrtcp(ReadOnlySpan<byte> datagram)
    {
        var trailer = _profile is SrtpProfile.AeadAes128Gcm or SrtpProfile.AeadAes256Gcm ? 4 : 4 + 10;
        if (datagram.Length < 8 + trailer)
        {
            return "SRTCP shorter than header and trailer";
        }

        if ((datagram[^trailer] & 0x80) == 0)
        {
            return "SRTCP without the E flag (unencrypted RTCP)";
        }

        if (LooksPlain(datagram[8..^trailer]))
        {
            return "SRTCP payload does not look encrypted";
        }

        Srtcp++;
        return null;
    }

    private static bool LooksPlain(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 160)
        {
            return false;
        }

        Span<bool> seen = stackalloc bool[256];
        var distinct = 0;
        foreach (var b in payload)
        {
            if (!seen[b])
            {
                seen[b] = true;
                distinct++;
            }
        }

        return distinct < MinDistinctBytes;
    }
}
