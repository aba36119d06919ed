using System.Runtime.Intrinsics;
using System.Security.Cryptography;
using Conclave.Protocols.Srtp;
using CsCheck;

namespace Conclave.Protocols.Tests.Srtp;

/// <summary>
/// The AES-NI/PCLMULQDQ AES-GCM against the platform's AesGcm (OpenSSL) on random keys, nonces, data
/// and associated data, plus the AES key schedule against FIPS 197 Appendix C.
/// </summary>
public sealed class GcmAeadTests
{
    [Fact]
    public void IntrinsicsAndPlatform_AgreeOnCiphertextAndTag_ForAnyInput()
    {
        if (!IntrinsicsGcmAead.IsSupported)
        {
            return; // not x86 with AES-NI: SRTP runs on PlatformGcmAead, which the other tests cover
        }

        Gen.Select(Gen.Bool, Gen.Byte.Array[12], Gen.Byte.Array[0, 300], Gen.Byte.Array[0, 100]).Sample((aes256, nonce, data, aad) =>
        {
            var key = RandomNumberGenerator.GetBytes(aes256 ? 32 : 16);
            using var ours = new IntrinsicsGcmAead(key);
            using var platform = new AesGcm(key, 16);
            var mine = (byte[])data.Clone();
            var theirs = new byte[data.Length];
            var myTag = new byte[16];
            var theirTag = new byte[16];
            ours.Encrypt(nonce, mine, myTag, aad);
            platform.Encrypt(nonce, data, theirs, theirTag, aad);
            var decrypted = (byte[])mine.Clone();
            return mine.SequenceEqual(theirs) && myTag.SequenceEqual(theirTag)
                && ours.Decrypt(nonce, decrypted, myTag, aad) && decrypted.SequenceEqual(data);
        }, iter: 400);
    }

    [Fact]
    public void Intrinsics_Decrypt_WithAnyFlippedTagOrDataBit_FailsAndLeavesTheDataAlone()
    {
        if (!IntrinsicsGcmAead.IsSupported)
        {
            return; // not x86 with AES-NI: SRTP runs on PlatformGcmAead, which the other tests cover
        }

        var key = RandomNumberGenerator.GetBytes(16);
        using var gcm = new IntrinsicsGcmAead(key);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var data = RandomNumberGenerator.GetBytes(70);
        var tag = new byte[16];
        gcm.Encrypt(nonce, data, tag, "aad"u8);
        var sealedBytes = data.Concat(tag).ToArray();
        for (var bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            var flipped = (byte[])sealedBytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var d = flipped[..data.Length];
            var t = flipped[data.Length..];
            var before = (byte[])d.Clone();
            Assert.False(gcm.Decrypt(nonce, d, t, "aad"u8));
            Assert.Equal(before, d);
        }
    }

    [Theory]
    [InlineData("000102030405060708090a0b0c0d0e0f", "69c4e0d86a7b0430d8cdb78070b4c55a")]
    [InlineData("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", "8ea2b7ca516745bfeafc49904b496089")]
    public void KeySchedule_EncryptsTheFips197AppendixCBlock(string key, string expected)
    {
        if (!IntrinsicsGcmAead.IsSupported)
        {
            return; // not x86 with AES-NI
        }

        var k = Hex.Bytes(key);
        var roundKeys = k.Length == 16 ? AesKeySchedule.Expand128(k) : AesKeySchedule.Expand256(k);
        var block = Vector128.Create(Hex.Bytes("00112233445566778899aabbccddeeff")) ^ roundKeys[0];
        for (var r = 1; r < roundKeys.Length - 1; r++)
        {
            block = System.Runtime.Intrinsics.X86.Aes.Encrypt(block, roundKeys[r]);
        }

        block = System.Runtime.Intrinsics.X86.Aes.EncryptLast(block, roundKeys[^1]);
        var output = new byte[16];
        block.CopyTo(output);
        Assert.Equal(Hex.Bytes(expected), output);
    }

    [Fact]
    public void Platform_Decrypt_BadTag_ReturnsFalse()
    {
        using var gcm = new PlatformGcmAead(new byte[16]);
        var data = new byte[20];
        var tag = new byte[16];
        gcm.Encrypt(new byte[12], data, tag, []);
        tag[0] ^= 1;
        Assert.False(gcm.Decrypt(new byte[12], data, tag, []));
    }
}
