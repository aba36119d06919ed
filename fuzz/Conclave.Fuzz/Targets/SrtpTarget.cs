using Conclave.Protocols.Srtp;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// SRTP and SRTCP unprotect under a fixed key. The first byte picks the profile (low 2 bits) and
/// whether the rest is also protected first (bit 7), so the fuzzer reaches past the tag check too.
/// </summary>
public sealed class SrtpTarget : IFuzzTarget
{
    public string Name => "srtp";

    /// <summary>The fixed master key and salt the corpus was protected with.</summary>
    public static byte[] MasterKey { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    public static byte[] MasterSalt { get; } = Enumerable.Range(0xA0, 14).Select(i => (byte)i).ToArray();

    public static SrtpContext CreateContext(SrtpProfile profile) =>
        new(profile, MasterKey.AsSpan(0, profile.MasterKeyLength()), MasterSalt.AsSpan(0, profile.MasterSaltLength()));

    public void Run(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        var profile = SrtpProfiles.All[data[0] & 3];
        var protectFirst = (data[0] & 0x80) != 0;
        var packet = data[1..];
        using var context = CreateContext(profile);
        var buffer = new byte[packet.Length + 64];
        foreach (var rtcp in (ReadOnlySpan<bool>)[false, true])
        {
            packet.CopyTo(buffer);
            var length = packet.Length;
            if (protectFirst)
            {
                var protect = rtcp ? context.TryProtectRtcp(buffer, length, out length) : context.TryProtectRtp(buffer, length, out length);
                if (protect != SrtpError.None)
                {
                    continue;
                }
            }

            var error = rtcp ? context.TryUnprotectRtcp(buffer, length, out var plain) : context.TryUnprotectRtp(buffer, length, out plain);
            if (protectFirst && error == SrtpError.None && !buffer.AsSpan(0, plain).SequenceEqual(packet))
            {
                throw new InvalidOperationException("protect then unprotect changed the packet");
            }

            if (!Enum.IsDefined(error))
            {
                throw new InvalidOperationException($"undefined error {error}");
            }
        }
    }
}
