using System.Net;
using Conclave.Protocols.Net;

namespace Conclave.Protocols.Tests.Net;

public class UdpDatagramSocketTests
{
    [Fact]
    public async Task Datagrams_FromTwoSenders_ReportEachSenderCorrectly()
    {
        await using var receiver = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        await using var first = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        await using var second = await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), CancellationToken.None);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[16];
        foreach (var (sender, tag) in new[] { (first, (byte)1), (first, (byte)2), (second, (byte)3), (first, (byte)4) })
        {
            await sender.SendToAsync(new[] { tag }, receiver.LocalEndPoint, cts.Token);
            var received = await receiver.ReceiveFromAsync(buffer, cts.Token);
            Assert.Equal(1, received.Length);
            Assert.Equal(tag, buffer[0]);
            Assert.Equal(sender.LocalEndPoint, received.RemoteEndPoint);
        }
    }

    [Fact]
    public void LocalAddresses_IncludeLoopback()
    {
        Assert.Contains(UdpNetwork.Instance.GetLocalAddresses(), IPAddress.IsLoopback);
    }
}
