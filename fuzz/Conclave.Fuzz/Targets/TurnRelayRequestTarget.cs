using System.Net;
using System.Text;
using Conclave.Server.Networking;
using Conclave.Server.Relay;

namespace Conclave.Fuzz.Targets;

/// <summary>
/// The relay's request path as the network reaches it: one datagram into the STUN / ChannelData
/// dispatch of a relay without listeners, the stream framer, and the nonce check. Nothing may throw
/// and no unauthenticated input may create an allocation.
/// </summary>
public sealed class TurnRelayRequestTarget : IFuzzTarget
{
    private static readonly TurnRelayServer Server = CreateServer();
    private static readonly FuzzConnection Connection = new();
    private static readonly RelayNonce Nonces = new(TimeProvider.System, TimeSpan.FromMinutes(10));

    public string Name => "turn-relay-request";

    public void Run(ReadOnlySpan<byte> data)
    {
        var tuple = new FiveTuple(RelayTransport.Udp, PeerAddress.From(Connection.RemoteEndPoint), PeerAddress.From(Connection.LocalEndPoint));
        if (Server.LooksLikeChannelData(data))
        {
            Server.HandleChannelData(tuple, data);
            Server.HandleChannelData(tuple with { Transport = RelayTransport.Tcp }, data, stream: true);
        }
        else
        {
            Server.HandleStun(data, tuple, Connection);
        }

        if (Server.AllocationCount != 0)
        {
            throw new InvalidOperationException("Unauthenticated input created an allocation.");
        }

        var rest = data;
        while (StreamFraming.TryGetFrameLength(rest, out var length) && length <= rest.Length && length > 0)
        {
            rest = rest[length..];
        }

        Nonces.IsValid(Encoding.Latin1.GetString(data), IPAddress.Loopback);
    }

    private static TurnRelayServer CreateServer()
    {
        var options = new RelayOptions { ListenAddress = "127.0.0.1", UdpPort = -1, Realm = "fuzz", UnauthenticatedRequestsPerSecond = 0, BindingRequestsPerSecond = 0 };
        options.Secrets.Add("fuzz-secret");
        return new TurnRelayServer(options);
    }

    private sealed class FuzzConnection : IRelayClientConnection, IRelayConnectionSource
    {
        public RelayTransport Transport => RelayTransport.Udp;

        public IPEndPoint RemoteEndPoint { get; } = new(IPAddress.Loopback, 40000);

        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 3478);

        public SocketAddress RemoteSocketAddress { get; } = new IPEndPoint(IPAddress.Loopback, 40000).Serialize();

        public bool IsStream => false;

        public IRelayClientConnection GetConnection() => this;

        public void Send(ReadOnlySpan<byte> message)
        {
            // Answers are discarded; producing one must not throw.
        }
    }
}
