using System.Net;
using BenchmarkDotNet.Attributes;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Benchmarks.Stun;

/// <summary>The per-check STUN work of ICE and the per-packet ChannelData framing of TURN.</summary>
[MemoryDiagnoser]
public class StunTurnBenchmarks
{
    // RFC 5769 §2.1 sample request (short-term credentials).
    private static readonly byte[] SampleRequest = Convert.FromHexString(
        "000100582112a442b7e7a701bc34d686fa87dfae802200105354554e207465737420636c69656e74" +
        "002400046e0001ff80290008932ff9b151263b36000600096576746a3a6836765920202000080014" +
        "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a280280004e57a3bcf");

    private static readonly byte[] Key = StunCredentials.ShortTermKey("VOkJxbRl1RmTxUk/WvJxBt");
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.1"), 32853);
    private readonly byte[] _payload = new byte[160];
    private readonly byte[] _frame = new byte[ChannelData.GetEncodedLength(1200, pad: true)];
    private byte[] _channelData = [];

    [GlobalSetup]
    public void Setup()
    {
        _channelData = new byte[ChannelData.GetEncodedLength(_payload.Length, pad: false)];
        ChannelData.TryWrite(_channelData, 0x4001, _payload, pad: false, out _);
    }

    [Benchmark]
    public bool ParseAndVerifyCheck() =>
        StunMessage.TryParse(SampleRequest, out var m, out _) && m.VerifyFingerprint() && m.VerifyMessageIntegrity(Key);

    [Benchmark]
    public int BuildCheckResponse() =>
        new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse)
            .AddXorAddress(StunAttributeType.XorMappedAddress, Peer)
            .AddMessageIntegrity(Key)
            .AddFingerprint()
            .Length;

    [Benchmark]
    public int ChannelDataWrite160()
    {
        ChannelData.TryWrite(_frame, 0x4001, _payload, pad: false, out var written);
        return written;
    }

    [Benchmark]
    public int ChannelDataParse160() =>
        ChannelData.TryParse(_channelData, out var frame, out _) ? frame.Data.Length : -1;
}
