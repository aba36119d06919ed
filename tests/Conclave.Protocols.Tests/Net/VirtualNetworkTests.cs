using System.Net;
using Conclave.Protocols.Net;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Net;

public class VirtualNetworkTests
{
    private static readonly IPEndPoint ServerOne = new(IPAddress.Parse("198.51.100.1"), 1000);
    private static readonly IPEndPoint ServerTwo = new(IPAddress.Parse("198.51.100.2"), 2000);

    private sealed record World(FakeTimeProvider Time, VirtualNetwork Net, IDatagramSocket Inside, IDatagramSocket One, IDatagramSocket OneOtherPort, IDatagramSocket Two);

    private static async Task<World> BuildAsync(NatType type)
    {
        var time = new FakeTimeProvider();
        var net = new VirtualNetwork(time);
        var nat = net.AddNat(IPAddress.Parse("203.0.113.1"), type);
        var inside = await net.AddHost(IPAddress.Parse("10.0.0.2"), nat).BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
        var oneHost = net.AddHost(ServerOne.Address);
        var one = await oneHost.BindAsync(ServerOne, CancellationToken.None);
        var oneOther = await oneHost.BindAsync(new IPEndPoint(ServerOne.Address, 1001), CancellationToken.None);
        var two = await net.AddHost(ServerTwo.Address).BindAsync(ServerTwo, CancellationToken.None);
        return new World(time, net, inside, one, oneOther, two);
    }

    private static async Task<DatagramReceived?> ReceiveAsync(World w, IDatagramSocket socket)
    {
        using var cts = new CancellationTokenSource();
        var task = socket.ReceiveFromAsync(new byte[64], cts.Token).AsTask();
        w.Time.Advance(TimeSpan.FromMilliseconds(50));
        if (task.IsCompleted)
        {
            return await task;
        }

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        return null;
    }

    [Theory]
    [InlineData(NatType.FullCone, false)]
    [InlineData(NatType.AddressRestricted, false)]
    [InlineData(NatType.PortRestricted, false)]
    [InlineData(NatType.Symmetric, true)]
    public async Task Mapping_IsPerDestinationOnlyForSymmetricNat(NatType type, bool differs)
    {
        var w = await BuildAsync(type);
        await w.Inside.SendToAsync(new byte[] { 1 }, ServerOne, CancellationToken.None);
        var first = await ReceiveAsync(w, w.One);
        await w.Inside.SendToAsync(new byte[] { 2 }, ServerTwo, CancellationToken.None);
        var second = await ReceiveAsync(w, w.Two);
        Assert.Equal(IPAddress.Parse("203.0.113.1"), first!.Value.RemoteEndPoint.Address);
        Assert.Equal(differs, first.Value.RemoteEndPoint.Port != second!.Value.RemoteEndPoint.Port);
    }

    [Theory]
    [InlineData(NatType.FullCone, true, true)]
    [InlineData(NatType.AddressRestricted, true, false)]
    [InlineData(NatType.PortRestricted, false, false)]
    [InlineData(NatType.Symmetric, false, false)]
    public async Task Filtering_AdmitsExactlyWhatTheNatTypeAllows(NatType type, bool otherPortSameHost, bool otherHost)
    {
        var w = await BuildAsync(type);
        await w.Inside.SendToAsync(new byte[] { 1 }, ServerOne, CancellationToken.None);
        var mapped = (await ReceiveAsync(w, w.One))!.Value.RemoteEndPoint;

        await w.One.SendToAsync(new byte[] { 9 }, mapped, CancellationToken.None);
        Assert.NotNull(await ReceiveAsync(w, w.Inside)); // the contacted endpoint always gets back in

        await w.OneOtherPort.SendToAsync(new byte[] { 9 }, mapped, CancellationToken.None);
        Assert.Equal(otherPortSameHost, (await ReceiveAsync(w, w.Inside)) is not null);
        await w.Two.SendToAsync(new byte[] { 9 }, mapped, CancellationToken.None);
        Assert.Equal(otherHost, (await ReceiveAsync(w, w.Inside)) is not null);
    }

    [Fact]
    public async Task PrivateAddressBehindANat_IsUnreachableFromOutside()
    {
        var w = await BuildAsync(NatType.FullCone);
        await w.One.SendToAsync(new byte[] { 1 }, w.Inside.LocalEndPoint, CancellationToken.None);
        Assert.Null(await ReceiveAsync(w, w.Inside));
        Assert.Equal(1, w.Net.Dropped);
    }

    [Fact]
    public async Task SameSeed_GivesTheSameLossPattern()
    {
        async Task<string> RunAsync()
        {
            var time = new FakeTimeProvider();
            var net = new VirtualNetwork(time, seed: 42) { LossRate = 0.5 };
            var a = await net.AddHost(IPAddress.Parse("192.0.2.1")).BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
            var b = await net.AddHost(IPAddress.Parse("192.0.2.2")).BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
            var got = new List<byte>();
            var buffer = new byte[4];
            for (byte i = 0; i < 40; i++)
            {
                await a.SendToAsync(new[] { i }, b.LocalEndPoint, CancellationToken.None);
            }

            time.Advance(TimeSpan.FromMilliseconds(10));
            while (true)
            {
                var pending = b.ReceiveFromAsync(buffer, CancellationToken.None);
                if (!pending.IsCompleted)
                {
                    break;
                }

                got.Add(buffer[0]);
            }

            return string.Join(',', got);
        }

        var first = await RunAsync();
        Assert.Equal(first, await RunAsync());
        Assert.InRange(first.Split(',').Length, 10, 30);
    }
}
