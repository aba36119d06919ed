using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Conclave.Protocols.Srtp;

/// <summary>
/// AES-GCM (NIST SP 800-38D) on AES-NI and PCLMULQDQ. The platform AesGcm pays an OpenSSL context
/// re-initialisation per call that costs more than the cryptography of a 160-byte packet; this one
/// keeps the expanded key and the powers of H, runs four AES blocks in flight, and folds four GHASH
/// blocks per reduction. The tag is verified before anything is decrypted.
/// </summary>
internal sealed class IntrinsicsGcmAead : IGcmAead
{
    private readonly Vector128<byte>[] _roundKeys;
    private readonly int _rounds;
    private readonly Vector128<ulong> _h1;
    private readonly Vector128<ulong> _h2;
    private readonly Vector128<ulong> _h3;
    private readonly Vector128<ulong> _h4;

    public IntrinsicsGcmAead(ReadOnlySpan<byte> key)
    {
        if (!IsSupported)
        {
            throw new PlatformNotSupportedException();
        }

        (_roundKeys, _rounds) = key.Length switch
        {
            16 => (AesKeySchedule.Expand128(key), 10),
            32 => (AesKeySchedule.Expand256(key), 14),
            _ => throw new ArgumentException("AES-GCM key must be 16 or 32 bytes", nameof(key)),
        };

        // H = E(K, 0^128), kept byte-reflected for PCLMULQDQ (Intel's GCM white paper, §"bit-reflection").
        _h1 = ByteSwap(EncryptBlock(Vector128<byte>.Zero)).AsUInt64();
        _h2 = Multiply(_h1, _h1);
        _h3 = Multiply(_h2, _h1);
        _h4 = Multiply(_h3, _h1);
    }

    public static bool IsSupported => X86Aes.IsSupported && Pclmulqdq.IsSupported && Ssse3.IsSupported;

    public void Encrypt(ReadOnlySpan<byte> nonce, Span<byte> data, Span<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        var j0 = CounterBlock(nonce);
        Ctr(j0, 2, data);
        ComputeTag(j0, associatedData, data).CopyTo(tag);
    }

    public bool Decrypt(ReadOnlySpan<byte> nonce, Span<byte> data, ReadOnlySpan<byte> tag, ReadOnlySpan<byte> associatedData)
    {
        var j0 = CounterBlock(nonce);
        Span<byte> expected = stackalloc byte[16];
        ComputeTag(j0, associatedData, data).CopyTo(expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, tag))
        {
            return false;
        }

        Ctr(j0, 2, data);
        return true;
    }

    public void Dispose() => Array.Clear(_roundKeys);

    private static Vector128<byte> CounterBlock(ReadOnlySpan<byte> nonce)
    {
        // SP 800-38D §7.1: with a 96-bit IV, J0 = IV || 0^31 || 1.
        Span<byte> block = stackalloc byte[16];
        nonce[..12].CopyTo(block);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], 1);
        return Vector128.Create<byte>(block);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> WithCounter(Vector128<byte> j0, uint counter) =>
        j0.AsUInt32().WithElement(3, BinaryPrimitives.ReverseEndianness(counter)).AsByte();

    private Vector128<byte> ComputeTag(Vector128<byte> j0, ReadOnlySpan<byte> associatedData, ReadOnlySpan<byte> ciphertext)
    {
        var y = Vector128<ulong>.Zero;
        y = Ghash(y, associatedData);
        y = Ghash(y, ciphertext);
        var lengths = Vector128.Create((ulong)ciphertext.Length * 8, (ulong)associatedData.Length * 8);
        y = Multiply(y ^ lengths, _h1);
        return ByteSwap(y.AsByte()) ^ EncryptBlock(j0);
    }

    private Vector128<ulong> Ghash(Vector128<ulong> y, ReadOnlySpan<byte> data)
    {
        var i = 0;
        for (; i + 64 <= data.Length; i += 64)
        {
            var x0 = y ^ Load(data[i..]);
            var (lo, hi) = MultiplyWide(x0, _h4);
            Accumulate(ref lo, ref hi, Load(data[(i + 16)..]), _h3);
            Accumulate(ref lo, ref hi, Load(data[(i + 32)..]), _h2);
            Accumulate(ref lo, ref hi, Load(data[(i + 48)..]), _h1);
            y = Reduce(lo, hi);
        }

        for (; i + 16 <= data.Length; i += 16)
        {
            y = Multiply(y ^ Load(data[i..]), _h1);
        }

        if (i < data.Length)
        {
            Span<byte> last = stackalloc byte[16];
            last.Clear();
            data[i..].CopyTo(last);
            y = Multiply(y ^ Load(last), _h1);
        }

        return y;
    }

    private void Ctr(Vector128<byte> j0, uint first, Span<byte> data)
    {
        var counter = first;
        var i = 0;
        var k = _roundKeys;
        for (; i + 64 <= data.Length; i += 64, counter += 4)
        {
            var b0 = WithCounter(j0, counter) ^ k[0];
            var b1 = WithCounter(j0, counter + 1) ^ k[0];
            var b2 = WithCounter(j0, counter + 2) ^ k[0];
            var b3 = WithCounter(j0, counter + 3) ^ k[0];
            for (var r = 1; r < _rounds; r++)
            {
                b0 = X86Aes.Encrypt(b0, k[r]);
                b1 = X86Aes.Encrypt(b1, k[r]);
                b2 = X86Aes.Encrypt(b2, k[r]);
                b3 = X86Aes.Encrypt(b3, k[r]);
            }

            var d = data[i..];
            (Vector128.Create<byte>(d) ^ X86Aes.EncryptLast(b0, k[_rounds])).CopyTo(d);
            (Vector128.Create<byte>(d[16..]) ^ X86Aes.EncryptLast(b1, k[_rounds])).CopyTo(d[16..]);
            (Vector128.Create<byte>(d[32..]) ^ X86Aes.EncryptLast(b2, k[_rounds])).CopyTo(d[32..]);
            (Vector128.Create<byte>(d[48..]) ^ X86Aes.EncryptLast(b3, k[_rounds])).CopyTo(d[48..]);
        }

        for (; i + 16 <= data.Length; i += 16, counter++)
        {
            var d = data[i..];
            (Vector128.Create<byte>(d) ^ EncryptBlock(WithCounter(j0, counter))).CopyTo(d);
        }

        if (i < data.Length)
        {
            Span<byte> keystream = stackalloc byte[16];
            EncryptBlock(WithCounter(j0, counter)).CopyTo(keystream);
            ByteXor.Apply(data[i..], keystream);
        }
    }

    private Vector128<byte> EncryptBlock(Vector128<byte> block)
    {
        var k = _roundKeys;
        block ^= k[0];
        for (var r = 1; r < _rounds; r++)
        {
            block = X86Aes.Encrypt(block, k[r]);
        }

        return X86Aes.EncryptLast(block, k[_rounds]);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Load(ReadOnlySpan<byte> block) => ByteSwap(Vector128.Create<byte>(block)).AsUInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> ByteSwap(Vector128<byte> v) =>
        Ssse3.Shuffle(v, Vector128.Create((byte)15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate(ref Vector128<ulong> lo, ref Vector128<ulong> hi, Vector128<ulong> x, Vector128<ulong> h)
    {
        var (l, u) = MultiplyWide(x, h);
        lo ^= l;
        hi ^= u;
    }

    /// <summary>The 256-bit carry-less product of two 128-bit values (schoolbook, four PCLMULQDQ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<ulong> Lo, Vector128<ulong> Hi) MultiplyWide(Vector128<ulong> a, Vector128<ulong> b)
    {
        var lo = Pclmulqdq.CarrylessMultiply(a, b, 0x00);
        var mid = Pclmulqdq.CarrylessMultiply(a, b, 0x10) ^ Pclmulqdq.CarrylessMultiply(a, b, 0x01);
        var hi = Pclmulqdq.CarrylessMultiply(a, b, 0x11);
        lo ^= Sse2.ShiftLeftLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        hi ^= Sse2.ShiftRightLogical128BitLane(mid.AsByte(), 8).AsUInt64();
        return (lo, hi);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ulong> Multiply(Vector128<ulong> a, Vector128<ulong> b)
    {
        var (lo, hi) = MultiplyWide(a, b);
        return Reduce(lo, hi);
    }

    /// <summary>
    /// Reduces a 256-bit product modulo x^128 + x^7 + x^2 + x + 1 in the bit-reflected domain: shift
    /// the product left by one bit, then fold the low half twice (Intel's GCM white paper, algorithm 5).
    /// </summary>
    private static Vector128<ulong> Reduce(Vector128<ulong> lo, Vector128<ulong> hi)
    {
        var t3 = lo.AsUInt32();
        var t6 = hi.AsUInt32();
        var t7 = Sse2.ShiftRightLogical(t3, 31);
        var t8 = Sse2.ShiftRightLogical(t6, 31);
        t3 = Sse2.ShiftLeftLogical(t3, 1);
        t6 = Sse2.ShiftLeftLogical(t6, 1);
        var t9 = Sse2.ShiftRightLogical128BitLane(t7, 12);
        t8 = Sse2.ShiftLeftLogical128BitLane(t8, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 4);
        t3 |= t7;
        t6 |= t8 | t9;

        t7 = Sse2.ShiftLeftLogical(t3, 31) ^ Sse2.ShiftLeftLogical(t3, 30) ^ Sse2.ShiftLeftLogical(t3, 25);
        t8 = Sse2.ShiftRightLogical128BitLane(t7, 4);
        t7 = Sse2.ShiftLeftLogical128BitLane(t7, 12);
        t3 ^= t7;
        var t2 = Sse2.ShiftRightLogical(t3, 1) ^ Sse2.ShiftRightLogical(t3, 2) ^ Sse2.ShiftRightLogical(t3, 7) ^ t8;
        t3 ^= t2;
        return (t6 ^ t3).AsUInt64();
    }
}
