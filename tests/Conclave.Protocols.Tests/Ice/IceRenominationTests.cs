using System.Net;
using System.Text;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>
/// A controlling peer that nominates one pair and later a better one, as browsers do once the better
/// pair proves writable. The controlled side (full or lite) must follow the latest nomination and must
/// accept media from a pair on which the peer sent an authenticated check, before its own check there
/// has come back: otherwise the first DTLS flight the peer sends on its new pair is dropped for good.
/// </summary>
public sealed class IceRenominationTests
{
    private const string PeerUfrag = "peer";
    private const string PeerPassword = "peerpasswordpeerpassword";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Controlled_FollowsTheLatestNomination(bool lite)
    {
        var rig = await Rig.StartAsync(lite);
        await using var agent = rig.Agent;

        await rig.NominateAsync(rig.First);
        Assert.Equal(rig.First.LocalEndPoint, agent.SelectedPair?.Remote.Address);

        await rig.NominateAsync(rig.Second);
        Assert.Equal(rig.Second.LocalEndPoint, agent.SelectedPair?.Remote.Address);

        // Media now goes where the peer listens.
        byte[] media = [0x80, .. "to the peer"u8];
        Assert.True(await agent.SendAsync(media, CancellationToken.None));
        var (datagram, _) = await rig.ReceiveAsync(rig.Second, isStun: false);
        Assert.Equal(media, datagram);
    }

    [Fact]
    public async Task Controlled_AcceptsDataFromAPairThePeerChecked_BeforeItsOwnCheckSucceeds()
    {
        var rig = await Rig.StartAsync(lite: false);
        await using var agent = rig.Agent;
        await rig.NominateAsync(rig.First);
        var received = new List<byte[]>();
        agent.DatagramReceived = d => received.Add(d.ToArray());

        // The peer nominates its second address; our triggered check there stays unanswered.
        await rig.NominateAsync(rig.Second, answerChecks: false);
        byte[] hello = [0x80, .. "hello"u8];
        await rig.Second.SendToAsync(hello, rig.Target, CancellationToken.None);
        Assert.True(await rig.RunUntilAsync(() => received.Count > 0));
        Assert.Equal(hello, received[0]);

        // A third address that never sent a check is still not heard.
        var stranger = await rig.PeerHost.BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
        byte[] again = [0x80, .. "again"u8];
        await stranger.SendToAsync((byte[])[0x80, .. "spoofed"u8], rig.Target, CancellationToken.None);
        await rig.Second.SendToAsync(again, rig.Target, CancellationToken.None);
        Assert.True(await rig.RunUntilAsync(() => received.Count > 1));
        Assert.Equal([hello, again], received);
    }

    private sealed class Rig
    {
        private readonly FakeTimeProvider _time;

        private Rig(FakeTimeProvider time, IceAgent agent, INetwork peerHost, IDatagramSocket first, IDatagramSocket second)
        {
            _time = time;
            Agent = agent;
            PeerHost = peerHost;
            First = first;
            Second = second;
        }

        public IceAgent Agent { get; }

        public INetwork PeerHost { get; }

        public IDatagramSocket First { get; }

        public IDatagramSocket Second { get; }

        public IPEndPoint Target => Agent.LocalCandidates[0].Address;

        public static async Task<Rig> StartAsync(bool lite)
        {
            var time = new FakeTimeProvider();
            var net = new VirtualNetwork(time);
            var agent = new IceAgent(new IceAgentOptions
            {
                Network = net.AddHost(IPAddress.Parse("192.0.2.20")),
                TimeProvider = time,
                Role = IceRole.Controlled,
                Lite = lite,
            });
            agent.SetRemoteCredentials(PeerUfrag, PeerPassword);
            await agent.GatherAsync(CancellationToken.None);
            var peerHost = net.AddHost(IPAddress.Parse("192.0.2.10"));
            var first = await peerHost.BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
            var second = await peerHost.BindAsync(new IPEndPoint(IPAddress.Any, 0), CancellationToken.None);
            return new Rig(time, agent, peerHost, first, second);
        }

        /// <summary>
        /// Sends a USE-CANDIDATE check from <paramref name="from"/>, waits for the answer and, for a full
        /// agent, answers (or ignores) its triggered check back.
        /// </summary>
        public async Task NominateAsync(IDatagramSocket from, bool answerChecks = true)
        {
            var check = new StunMessageBuilder(StunMethod.Binding, StunClass.Request)
                .AddString(StunAttributeType.Username, Agent.LocalUfrag + ":" + PeerUfrag)
                .AddUInt32(StunAttributeType.Priority, 1000)
                .AddUInt64(StunAttributeType.IceControlling, 1)
                .AddFlag(StunAttributeType.UseCandidate)
                .AddMessageIntegrity(Encoding.UTF8.GetBytes(Agent.LocalPassword))
                .AddFingerprint()
                .ToArray();
            await from.SendToAsync(check, Target, CancellationToken.None);
            var (answer, _) = await ReceiveAsync(from, isStun: true, klass: StunClass.SuccessResponse);
            Assert.True(StunMessage.TryParse(answer, out var response, out _));
            Assert.True(response.VerifyMessageIntegrity(Encoding.UTF8.GetBytes(Agent.LocalPassword)));
            if (Agent.Lite || !answerChecks)
            {
                return;
            }

            var (request, sender) = await ReceiveAsync(from, isStun: true, klass: StunClass.Request);
            Assert.True(StunMessage.TryParse(request, out var triggered, out _));
            var success = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, triggered.TransactionId)
                .AddXorAddress(StunAttributeType.XorMappedAddress, sender)
                .AddMessageIntegrity(Encoding.UTF8.GetBytes(PeerPassword))
                .AddFingerprint()
                .ToArray();
            await from.SendToAsync(success, sender, CancellationToken.None);
            Assert.True(await RunUntilAsync(() => from.LocalEndPoint.Equals(Agent.SelectedPair?.Remote.Address)));
        }

        /// <summary>The next datagram on <paramref name="socket"/> of the wanted kind, advancing the fake clock meanwhile.</summary>
        public async Task<(byte[] Datagram, IPEndPoint From)> ReceiveAsync(IDatagramSocket socket, bool isStun, StunClass? klass = null)
        {
            var buffer = new byte[1500];
            for (var attempt = 0; attempt < 20; attempt++)
            {
                var receive = socket.ReceiveFromAsync(buffer, CancellationToken.None).AsTask();
                for (var i = 0; i < 400 && !receive.IsCompleted; i++)
                {
                    _time.Advance(TimeSpan.FromMilliseconds(5));
                    await Task.Yield();
                }

                var received = await receive.WaitAsync(TimeSpan.FromSeconds(5));
                var datagram = buffer.AsSpan(0, received.Length).ToArray();
                var stun = StunMessage.TryParse(datagram, out var message, out _);
                if (stun == isStun && (klass is null || message.Class == klass))
                {
                    return (datagram, received.RemoteEndPoint);
                }
            }

            throw new InvalidOperationException("the wanted datagram never came");
        }

        public async Task<bool> RunUntilAsync(Func<bool> condition)
        {
            for (var i = 0; i < 400; i++)
            {
                if (condition())
                {
                    return true;
                }

                _time.Advance(TimeSpan.FromMilliseconds(5));
                await Task.Delay(1);
            }

            return condition();
        }
    }
}
