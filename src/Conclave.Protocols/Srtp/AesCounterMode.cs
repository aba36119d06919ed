using System.Buffers.Binary;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Conclave.Protocols.Srtp;

/// <summary>
/// AES in counter mode (RFC 3711 §4.1.1). On CPUs with AES-NI the rounds run here, four blocks in
/// flight; elsewhere one cached AES-ECB transform encrypts counter blocks laid out in a scratch
/// buffer. Either way the per-packet path allocates nothing. Not thread-safe: the scratch buffers
/// belong to the instance.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    /// <summary>RFC 3711 §4.1.1: the low 16 bits of the counter number the blocks, so one IV covers 2^16 blocks.</summary>
    public const int MaxLength = 65536 * 16;

    private const int ChunkBytes = 1024;

    private readonly Vector128<byte>[]? _roundKeys;
    private readonly Aes? _aes;
    private readonly ICryptoTransform? _ecb;
    private readonly byte[] _counters = [];
    private readonly byte[] _keystream = [];

    public AesCounterMode(ReadOnlySpan<byte> key)
        : this(key, allowIntrinsics: true)
    {
    }

    /// <param name="key">AES key of 16, 24 or 32 bytes.</param>
    /// <param name="allowIntrinsics">False forces the AES-ECB path, so tests cover it on AES-NI machines too.</param>
    internal AesCounterMode(ReadOnlySpan<byte> key, bool allowIntrinsics)
    {
        if (allowIntrinsics && X86Aes.IsSupported && System.Runtime.Intrinsics.X86.Sse2.IsSupported && key.Length is 16 or 32)
        {
            _roundKeys = key.Length == 16 ? AesKeySchedule.Expand128(key) : AesKeySchedule.Expand256(key);
            return;
        }

        _counters = new byte[ChunkBytes];
        _keystream = new byte[ChunkBytes];
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
#pragma warning disable CA5358 // ECB is only the block primitive here: the mode is counter mode, built on top
        _aes.Mode = CipherMode.ECB;
#pragma warning restore CA5358
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>
    /// XORs the keystream for <paramref name="iv"/> (16 bytes, low 16 bits zero) into <paramref name="data"/>;
    /// encrypts and decrypts alike.
    /// </summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (data.Length > MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(data));
        }

        if (_roundKeys is not null)
        {
            TransformIntrinsics(_roundKeys, Vector128.Create<byte>(iv), data);
            return;
        }

        var block = 0;
        for (var offset = 0; offset < data.Length; offset += ChunkBytes)
        {
            var n = Math.Min(ChunkBytes, data.Length - offset);
            var blocks = (n + 15) >> 4;
            var counters = _counters.AsSpan();
            for (var b = 0; b < blocks; b++, block++)
            {
                var counter = counters.Slice(b << 4, 16);
                iv.CopyTo(counter);
                BinaryPrimitives.WriteUInt16BigEndian(counter[14..], (ushort)block);
            }

            _ecb!.TransformBlock(_counters, 0, blocks << 4, _keystream, 0);
            ByteXor.Apply(data.Slice(offset, n), _keystream.AsSpan(0, n));
        }
    }

    public void Dispose()
    {
        if (_roundKeys is not null)
        {
            Array.Clear(_roundKeys);
        }

        CryptographicOperations.ZeroMemory(_counters);
        CryptographicOperations.ZeroMemory(_keystream);
        _ecb?.Dispose();
        _aes?.Dispose();
    }

    private static void TransformIntrinsics(Vector128<byte>[] k, Vector128<byte> iv, Span<byte> data)
    {
        var rounds = k.Length - 1;
        var i = 0;
        ushort block = 0;
        for (; i + 64 <= data.Length; i += 64, block += 4)
        {
            var b0 = Counter(iv, block) ^ k[0];
            var b1 = Counter(iv, (ushort)(block + 1)) ^ k[0];
            var b2 = Counter(iv, (ushort)(block + 2)) ^ k[0];
            var b3 = Counter(iv, (ushort)(block + 3)) ^ k[0];
            for (var r = 1; r < rounds; r++)
            {
                b0 = X86Aes.Encrypt(b0, k[r]);
                b1 = X86Aes.Encrypt(b1, k[r]);
                b2 = X86Aes.Encrypt(b2, k[r]);
                b3 = X86Aes.Encrypt(b3, k[r]);
            }

            var d = data[i..];
            (Vector128.Create<byte>(d) ^ X86Aes.EncryptLast(b0, k[rounds])).CopyTo(d);
            (Vector128.Create<byte>(d[16..]) ^ X86Aes.EncryptLast(b1, k[rounds])).CopyTo(d[16..]);
            (Vector128.Create<byte>(d[32..]) ^ X86Aes.EncryptLast(b2, k[rounds])).CopyTo(d[32..]);
            (Vector128.Create<byte>(d[48..]) ^ X86Aes.EncryptLast(b3, k[rounds])).CopyTo(d[48..]);
        }

        for (; i < data.Length; i += 16, block++)
        {
            var b = Counter(iv, block) ^ k[0];
            for (var r = 1; r < rounds; r++)
            {
                b = X86Aes.Encrypt(b, k[r]);
            }

            b = X86Aes.EncryptLast(b, k[rounds]);
            var d = data[i..];
            if (d.Length < 16)
            {
                XorTail(d, b);
                break;
            }

            (Vector128.Create<byte>(d) ^ b).CopyTo(d);
        }
    }

    private static void XorTail(Span<byte> data, Vector128<byte> keystream)
    {
        Span<byte> bytes = stackalloc byte[16];
        keystream.CopyTo(bytes);
        ByteXor.Apply(data, bytes[..data.Length]);
    }

    /// <summary>The IV with the block number in its low 16 bits (they are zero in every SRTP IV).</summary>
    private static Vector128<byte> Counter(Vector128<byte> iv, ushort block) =>
        iv.AsUInt16().WithElement(7, BinaryPrimitives.ReverseEndianness(block)).AsByte();
}
