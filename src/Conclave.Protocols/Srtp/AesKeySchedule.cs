using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using X86Aes = System.Runtime.Intrinsics.X86.Aes;

namespace Conclave.Protocols.Srtp;

/// <summary>The AES-128 and AES-256 key expansions of FIPS 197 §5.2 with AESKEYGENASSIST.</summary>
internal static class AesKeySchedule
{
    public static Vector128<byte>[] Expand128(ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> rcon = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0x1B, 0x36];
        var keys = new Vector128<byte>[11];
        keys[0] = Vector128.Create<byte>(key);
        for (var i = 1; i <= 10; i++)
        {
            keys[i] = Mix(keys[i - 1], Sse2.Shuffle(Assist(keys[i - 1], rcon[i - 1]).AsUInt32(), 0xFF).AsByte());
        }

        return keys;
    }

    public static Vector128<byte>[] Expand256(ReadOnlySpan<byte> key)
    {
        ReadOnlySpan<byte> rcon = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40];
        var keys = new Vector128<byte>[15];
        keys[0] = Vector128.Create<byte>(key);
        keys[1] = Vector128.Create<byte>(key[16..]);
        for (var i = 2; i < 15; i += 2)
        {
            // Even words: RotWord+SubWord+Rcon of the previous odd key; odd words: SubWord only.
            keys[i] = Mix(keys[i - 2], Sse2.Shuffle(Assist(keys[i - 1], rcon[(i / 2) - 1]).AsUInt32(), 0xFF).AsByte());
            if (i + 1 < 15)
            {
                keys[i + 1] = Mix(keys[i - 1], Sse2.Shuffle(Assist(keys[i], 0).AsUInt32(), 0xAA).AsByte());
            }
        }

        return keys;
    }

    /// <summary>AESKEYGENASSIST takes its round constant as an immediate, hence one call per constant.</summary>
    private static Vector128<byte> Assist(Vector128<byte> key, byte rcon) => rcon switch
    {
        0x00 => X86Aes.KeygenAssist(key, 0x00),
        0x01 => X86Aes.KeygenAssist(key, 0x01),
        0x02 => X86Aes.KeygenAssist(key, 0x02),
        0x04 => X86Aes.KeygenAssist(key, 0x04),
        0x08 => X86Aes.KeygenAssist(key, 0x08),
        0x10 => X86Aes.KeygenAssist(key, 0x10),
        0x20 => X86Aes.KeygenAssist(key, 0x20),
        0x40 => X86Aes.KeygenAssist(key, 0x40),
        0x80 => X86Aes.KeygenAssist(key, 0x80),
        0x1B => X86Aes.KeygenAssist(key, 0x1B),
        0x36 => X86Aes.KeygenAssist(key, 0x36),
        _ => throw new ArgumentOutOfRangeException(nameof(rcon)),
    };

    /// <summary>w[i] = w[i-Nk] ^ w[i-1] for the four words, with the assisted word folded in.</summary>
    private static Vector128<byte> Mix(Vector128<byte> previous, Vector128<byte> assist)
    {
        var t = previous;
        t ^= Sse2.ShiftLeftLogical128BitLane(t, 4);
        t ^= Sse2.ShiftLeftLogical128BitLane(t, 4);
        t ^= Sse2.ShiftLeftLogical128BitLane(t, 4);
        return t ^ assist;
    }
}
