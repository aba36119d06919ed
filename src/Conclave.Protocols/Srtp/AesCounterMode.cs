using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Conclave.Protocols.Srtp;

/// <summary>
/// AES in counter mode (RFC 3711 §4.1.1) built on one cached AES-ECB transform: counter blocks are
/// laid out in a scratch buffer and encrypted in one call, so the per-packet path allocates nothing.
/// Not thread-safe: the scratch buffers belong to the instance.
/// </summary>
internal sealed class AesCounterMode : IDisposable
{
    /// <summary>RFC 3711 §4.1.1: the low 16 bits of the counter number the blocks, so one IV covers 2^16 blocks.</summary>
    public const int MaxLength = 65536 * 16;

    private const int ChunkBytes = 1024;

    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private readonly byte[] _counters = new byte[ChunkBytes];
    private readonly byte[] _keystream = new byte[ChunkBytes];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
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

            _ecb.TransformBlock(_counters, 0, blocks << 4, _keystream, 0);
            ByteXor.Apply(data.Slice(offset, n), _keystream.AsSpan(0, n));
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_counters);
        CryptographicOperations.ZeroMemory(_keystream);
        _ecb.Dispose();
        _aes.Dispose();
    }
}
