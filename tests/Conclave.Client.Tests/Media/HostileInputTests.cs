using System.Text;
using Conclave.Client.Media;
using CsCheck;

namespace Conclave.Client.Tests.Media;

/// <summary>The media leg's readers of outside input answer false, never throw.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void WavSourceTryLoad_RandomBytesAfterARiffHeader_NeverThrows()
    {
        Gen.Byte.Array[0, 200].Sample(tail =>
        {
            byte[] file = [.. "RIFF\0\0\0\0WAVE"u8, .. tail];
            if (WavSource.TryLoad(file, out WavSource? source))
            {
                source!.Read(new short[320]);
            }
        });
    }

    [Fact]
    public void RemoteDescriptionTryParse_MutatedChromiumStyleOffer_NeverThrows()
    {
        const string offer = "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n" +
            "m=audio 9 UDP/TLS/RTP/SAVPF 0\r\nc=IN IP4 0.0.0.0\r\na=ice-ufrag:abcd\r\na=ice-pwd:abcdefghijklmnopqrstuvwx\r\n" +
            "a=fingerprint:sha-256 C0:16:A0:F6:B8:BE:D8:6D:AD:61:46:42:B1:AC:90:31:6C:D2:17:0D:E9:A5:DF:4C:B7:3D:6E:FB:09:3A:61:A9\r\n" +
            "a=setup:actpass\r\na=mid:0\r\na=candidate:1 1 udp 2130706431 127.0.0.1 40000 typ host\r\n";
        Assert.True(RemoteAudioDescription.TryParse(offer, out _, out _));
        Gen.Int[0, offer.Length - 1].SelectMany(at => Gen.Char.Select(c => (at, c))).Array[1, 8].Sample(edits =>
        {
            var text = new StringBuilder(offer);
            foreach ((int at, char c) in edits)
            {
                text[at] = c;
            }

            _ = RemoteAudioDescription.TryParse(text.ToString(), out _, out _);
        });
    }
}
