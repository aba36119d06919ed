using System.Net;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

/// <summary>A relay on 127.0.0.1 with ephemeral listener ports and loopback peers allowed.</summary>
internal sealed class RelayTestServer : IAsyncDisposable
{
    public const string Secret = "relay-test-secret";
    public const string Realm = "test.local";

    private RelayTestServer(TurnRelayServer server, RelayOptions options, TimeProvider time)
    {
        Server = server;
        Options = options;
        Time = time;
    }

    public TurnRelayServer Server { get; }

    public RelayOptions Options { get; }

    public TimeProvider Time { get; }

    public IPEndPoint Udp => Server.UdpEndPoint!;

    public static async Task<RelayTestServer> StartAsync(Action<RelayOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new RelayOptions
        {
            ListenAddress = "127.0.0.1",
            UdpPort = 0,
            Realm = Realm,
            MinPort = 40000,
            MaxPort = 44999,
            AllowLoopbackPeers = true,
        };
        options.Secrets.Add(Secret);
        configure?.Invoke(options);
        time ??= TimeProvider.System;
        var server = new TurnRelayServer(options, time);
        await server.StartAsync(CancellationToken.None);
        return new RelayTestServer(server, options, time);
    }

    public TurnCredentials Credentials(string userId = "alice", TimeSpan? ttl = null, string secret = Secret) =>
        TurnCredentials.Create(userId, ttl ?? TimeSpan.FromHours(1), secret, Time);

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
