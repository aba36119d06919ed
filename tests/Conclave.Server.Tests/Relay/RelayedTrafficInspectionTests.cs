using System.Buffers.Binary;
using System.Security.Cryptography;
using Conclave.Client.Media;
using Conclave.Protocols.Srtp;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// The judge of what the relay saw (<see cref="RelayedTrafficInspection"/>) must itself catch
/// plaintext, or the Chromium call test would prove nothing.
/// </summary>
public sealed class RelayedTrafficInspectionTests
{
    private static readonly byte[][] SentFrames = ToneFrames(440, 20);

    [Fact]
    public void Inspect_SrtpCiphertextStunAndDtlsHandshake_AreAccepted()
    {
        var inspection = new RelayedTrafficInspection(SentFrames, SrtpProfile.AeadAes256Gcm);

        inspection.Inspect(Rtp(RandomNumberGenerator.GetBytes(176)), "srtp");
        inspection.Inspect(StunBinding(), "stun");
        inspection.Inspect(DtlsRecord(22, epoch: 0, [1, 0, 0, 10, .. new byte[10]]), "client hello");
        inspection.Inspect(DtlsRecord(23, epoch: 1, RandomNumberGenerator.GetBytes(40)), "application data");
        inspection.Inspect(Srtcp(eFlag: true, trailer: 4), "srtcp");

        Assert.Empty(inspection.Problems);
        Assert.Equal(1, inspection.Stun);
        Assert.Equal(1, inspection.DtlsPlaintextRecords);
        Assert.Equal(1, inspection.DtlsEncryptedRecords);
        Assert.Equal(1, inspection.Srtcp);
        Assert.Equal(1, inspection.SrtpBySsrc[0x01020304]);
    }

    [Fact]
    public void Inspect_RtpCarryingASentFrame_IsCaught()
    {
        var inspection = new RelayedTrafficInspection(SentFrames, SrtpProfile.AeadAes256Gcm);

        inspection.Inspect(Rtp(SentFrames[7]), "plain rtp");

        Assert.Contains("sent audio", Assert.Single(inspection.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_SixteenBytesOfASentFrameInsideRandomBytes_IsCaught()
    {
        var inspection = new RelayedTrafficInspection(SentFrames, SrtpProfile.AeadAes256Gcm);
        var payload = RandomNumberGenerator.GetBytes(176);
        SentFrames[3].AsSpan(50, RelayedTrafficInspection.WindowLength).CopyTo(payload.AsSpan(100));

        inspection.Inspect(Rtp(payload), "partly plain");

        Assert.Contains("sent audio", Assert.Single(inspection.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(440)]
    public void Inspect_PlainPcmuToneNotAmongTheSentFrames_DoesNotLookEncrypted(double frequency)
    {
        var inspection = new RelayedTrafficInspection([], SrtpProfile.AeadAes256Gcm);

        inspection.Inspect(Rtp(ToneFrames(frequency, 1)[0]), "other side's plain rtp");

        Assert.Contains("does not look encrypted", Assert.Single(inspection.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(23, 0, "content type 23 in the clear")]
    [InlineData(22, 20, "content type 22 in the clear")]
    public void Inspect_DtlsApplicationDataOrFinishedInEpochZero_IsCaught(byte type, byte handshakeType, string expected)
    {
        var inspection = new RelayedTrafficInspection(SentFrames, SrtpProfile.AeadAes256Gcm);

        inspection.Inspect(DtlsRecord(type, epoch: 0, [handshakeType, 1, 2, 3]), "dtls");

        Assert.Contains(expected, Assert.Single(inspection.Problems), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SrtpProfile.AeadAes128Gcm, 4)]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80, 14)]
    public void Inspect_RtcpWithoutEFlag_IsCaught(SrtpProfile profile, int trailer)
    {
        var inspection = new RelayedTrafficInspection(SentFrames, profile);

        inspection.Inspect(Srtcp(eFlag: false, trailer), "rtcp");
        inspection.Inspect(Srtcp(eFlag: true, trailer), "srtcp");

        Assert.Contains("E flag", Assert.Single(inspection.Problems), StringComparison.Ordinal);
        Assert.Equal(1, inspection.Srtcp);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x10)]
    [InlineData(0xC0)]
    public void Inspect_FirstByteOutsideStunDtlsAndRtp_IsCaught(byte first)
    {
        var inspection = new RelayedTrafficInspection(SentFrames, SrtpProfile.AeadAes256Gcm);
        var datagram = RandomNumberGenerator.GetBytes(100);
        datagram[0] = first;

        inspection.Inspect(datagram, "other");

        Assert.Contains("RFC 7983", Assert.Single(inspection.Problems), StringComparison.Ordinal);
    }

    private static byte[][] ToneFrames(double frequency, int count)
    {
        var tone = new ToneSource(frequency);
        var samples = new short[MediaConstants.SamplesPerPacket];
        var frames = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            tone.Read(samples);
            frames[i] = new byte[samples.Length];
            MuLaw.Encode(samples, frames[i]);
        }

        return frames;
    }

    private static byte[] Rtp(byte[] payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x01020304);
        payload.CopyTo(packet, 12);
        return packet;
    }

    private static byte[] Srtcp(bool eFlag, int trailer)
    {
        // RFC 3550 §6.4.1: an SR header (PT 200), then stand-in ciphertext and the trailer.
        var packet = new byte[8 + 40 + trailer];
        packet[0] = 0x80;
        packet[1] = 200;
        RandomNumberGenerator.Fill(packet.AsSpan(8));
        packet[^trailer] = (byte)(eFlag ? 0x80 : 0x00);
        return packet;
    }

    private static byte[] StunBinding()
    {
        var message = new byte[20];
        BinaryPrimitives.WriteUInt16BigEndian(message, 0x0001);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(4), 0x2112A442);
        RandomNumberGenerator.Fill(message.AsSpan(8));
        return message;
    }

    private static byte[] DtlsRecord(byte type, ushort epoch, byte[] fragment)
    {
        var record = new byte[13 + fragment.Length];
        record[0] = type;
        record[1] = 0xFE;
        record[2] = 0xFD;
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(3), epoch);
        BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(11), (ushort)fragment.Length);
        fragment.CopyTo(record, 13);
        return record;
    }
}
