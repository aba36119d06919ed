using System.Runtime.Intrinsics;

namespace Conclave.Protocols.Srtp;

internal static class ByteXor
{
    /// <summary>data[i] ^= keystream[i] for every byte of <paramref name="data"/>, vectorised.</summary>
    public static void Apply(Span<byte> data, ReadOnlySpan<byte> keystream)
    {
        var i = 0;
        var n = data.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= n; i += 32)
            {
                (Vector256.Create<byte>(data[i..]) ^ Vector256.Create<byte>(keystream[i..])).CopyTo(data[i..]);
            }
        }

        for (; i + 16 <= n; i += 16)
        {
            (Vector128.Create<byte>(data[i..]) ^ Vector128.Create<byte>(keystream[i..])).CopyTo(data[i..]);
        }

        for (; i < n; i++)
        {
            data[i] ^= keystream[i];
        }
    }
}
