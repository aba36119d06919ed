using System.Net;
using Conclave.Protocols.Ice;

namespace Conclave.Protocols.Tests.Ice;

public class IceCandidateTests
{
    [Theory]
    [InlineData("candidate:1467250027 1 udp 2122260223 192.168.0.196 46243 typ host generation 0")]
    [InlineData("candidate:842163049 1 udp 1677729535 203.0.113.9 54321 typ srflx raddr 192.168.0.196 rport 46243 generation 0 ufrag abcd network-cost 999")]
    [InlineData("candidate:3 1 udp 16777215 127.0.0.1 50010 typ relay raddr 127.0.0.1 rport 40123 generation 0")]
    [InlineData("candidate:4 1 udp 1845501695 2001:db8::1 9 typ prflx raddr 2001:db8::2 rport 9")]
    public void ChromiumStyleLines_RoundTripExactly(string line)
    {
        Assert.True(IceCandidate.TryParse(line, out var candidate));
        Assert.Equal(line, candidate.ToString());
        Assert.True(IceCandidate.TryParse("a=" + line, out var withPrefix));
        Assert.Equal(candidate.Address, withPrefix.Address);
    }

    [Fact]
    public void SrflxLine_ParsesEveryField()
    {
        Assert.True(IceCandidate.TryParse("candidate:842163049 1 UDP 1677729535 203.0.113.9 54321 typ srflx raddr 192.168.0.196 rport 46243 generation 0", out var c));
        Assert.Equal("842163049", c.Foundation);
        Assert.Equal(1, c.Component);
        Assert.Equal("udp", c.Transport);
        Assert.Equal(1677729535u, c.Priority);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("203.0.113.9"), 54321), c.Address);
        Assert.Equal(IceCandidateType.ServerReflexive, c.Type);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.168.0.196"), 46243), c.RelatedAddress);
        Assert.Equal([new KeyValuePair<string, string>("generation", "0")], c.Extensions);
    }

    [Theory]
    [InlineData("")]
    [InlineData("candidate:1 1 udp 1 1.2.3.4 5 typ")]
    [InlineData("candidate:1 1 udp 1 1.2.3.4 5 type host")]
    [InlineData("candidate:1 1 udp 1 1.2.3.4 70000 typ host")]
    [InlineData("candidate:1 1 udp -1 1.2.3.4 5 typ host")]
    [InlineData("candidate:1 0 udp 1 1.2.3.4 5 typ host")]
    [InlineData("candidate:1 1 udp 1 not-an-ip 5 typ host")]
    [InlineData("candidate:1 1 udp 1 1.2.3.4 5 typ bogus")]
    [InlineData("candidate:1 1 udp 1 1.2.3.4 5 typ srflx raddr nope rport 1")]
    [InlineData("candidate:1 1 udp 1 example.local 5 typ host")]
    public void MalformedLines_AreRejected(string line) => Assert.False(IceCandidate.TryParse(line, out _));

    [Fact]
    public void Priority_FollowsRfc8445Formula()
    {
        // RFC 8445 §5.1.2.1: (2^24)*126 + (2^8)*65535 + (256 - 1).
        Assert.Equal(2130706431u, IcePriority.Candidate(IceCandidateType.Host, 65535));
        Assert.Equal((100u << 24) + (65535u << 8) + 255u, IcePriority.Candidate(IceCandidateType.ServerReflexive, 65535));
        Assert.Equal(255u + (65535u << 8), IcePriority.Candidate(IceCandidateType.Relayed, 65535));
    }

    [Fact]
    public void PairPriority_FollowsRfc8445Formula_AndIsSymmetricBetweenSides()
    {
        uint g = 2130706431, d = 1694498815;
        Assert.Equal(((ulong)d << 32) + 2ul * g + 1, IcePriority.Pair(g, d));
        Assert.Equal(((ulong)d << 32) + 2ul * g, IcePriority.Pair(d, g));
    }
}
