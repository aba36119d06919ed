using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Dtls;

public sealed class DtlsPacketChannelTests
{
    [Fact]
    public void Receive_DeliveredDatagram_IsReturnedWhole()
    {
        var channel = new DtlsPacketChannel(_ => { });
        byte[] datagram = [22, 254, 253, 1, 2, 3];

        Assert.True(channel.Deliver(datagram));
        var buffer = new byte[100];

        Assert.Equal(datagram.Length, channel.Receive(buffer, 0, buffer.Length, 10));
        Assert.Equal(datagram, buffer[..datagram.Length]);
    }

    [Fact]
    public void Receive_NothingQueued_ReturnsMinusOneAfterTheWait()
    {
        var channel = new DtlsPacketChannel(_ => { });

        Assert.Equal(-1, channel.Receive(new byte[100].AsSpan(), 1));
    }

    [Fact]
    public void Deliver_QueueFullOrOversizedOrClosed_DropsAndReceiveAfterCloseThrows()
    {
        var channel = new DtlsPacketChannel(_ => { }, queueCapacity: 2);

        Assert.True(channel.Deliver([1]));
        Assert.True(channel.Deliver([2]));
        Assert.False(channel.Deliver([3]));
        Assert.False(channel.Deliver(new byte[DtlsPacketChannel.DefaultReceiveLimit + 1]));
        Assert.False(channel.Deliver([]));

        channel.Close();
        Assert.False(channel.Deliver([4]));
        Assert.Throws<IOException>(() => channel.Receive(new byte[10].AsSpan(), 0));
    }

    [Fact]
    public void Send_RecordsOfOneFlight_LeaveAsFewDatagramsAsTheLimitAllows()
    {
        var sent = new List<int>();
        var channel = new DtlsPacketChannel(d => sent.Add(d.Length));

        channel.Send(new byte[500]);
        channel.Send(new byte[500]);
        Assert.Empty(sent); // held until the engine waits for an answer
        channel.Send(new byte[500]); // would pass 1200: the first two leave together
        Assert.Equal([1000], sent);
        Assert.Equal(-1, channel.Receive(new byte[100].AsSpan(), 1)); // waiting releases the rest
        Assert.Equal([1000, 500], sent);
    }

    [Fact]
    public void Send_OverTheLimit_IsRefused()
    {
        int forwarded = 0;
        var channel = new DtlsPacketChannel(d => forwarded += d.Length);

        channel.Send(new byte[DtlsPacketChannel.DefaultSendLimit]);
        channel.Close();
        Assert.Equal(DtlsPacketChannel.DefaultSendLimit, forwarded);
        Assert.ThrowsAny<IOException>(() => channel.Send(new byte[DtlsPacketChannel.DefaultSendLimit + 1]));
        Assert.Equal(DtlsPacketChannel.DefaultSendLimit, channel.GetSendLimit());
    }
}
