using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;

namespace Conclave.Benchmarks.Relay;

/// <summary>
/// Processes for bench/scripts/40-relay.sh: <c>relay-serve</c> runs the Conclave relay alone on
/// loopback (so its CPU and memory can be read from /proc), <c>relay-alloc</c> makes many
/// allocations on any TURN server (Conclave or coturn) and holds them open.
/// </summary>
public static class RelayBenchHost
{
    public static bool Handles(string[] args) => args is ["relay-serve", ..] or ["relay-alloc", ..];

    public static Task RunAsync(string[] args) => args[0] == "relay-serve" ? ServeAsync(Options(args)) : AllocateAsync(Options(args));

    private static Dictionary<string, string> Options(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        return options;
    }

    private static int Int(Dictionary<string, string> o, string name, int fallback) =>
        o.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>Runs the relay until stdin closes; every 500 ms writes allocations, GC heap and RSS to the stats file.</summary>
    private static async Task ServeAsync(Dictionary<string, string> o)
    {
        var options = new RelayOptions
        {
            ListenAddress = "127.0.0.1",
            UdpPort = Int(o, "port", 3478),
            MinPort = Int(o, "min-port", 20000),
            MaxPort = Int(o, "max-port", 39999),
            Realm = o.GetValueOrDefault("realm", "bench.local"),
            AllowLoopbackPeers = true,
            AcceptRfc5766ChannelNumbers = true,
            BandwidthBytesPerSecond = 0,
            MaxAllocations = 100_000,
            MaxAllocationsPerUser = 100_000,
            MaxAllocationsPerAddress = 100_000,
            UnauthenticatedRequestsPerSecond = 0,
            BindingRequestsPerSecond = 0,
        };
        options.Secrets.Add(o.GetValueOrDefault("secret", "bench-secret"));
        await using var server = new TurnRelayServer(options);
        await server.StartAsync(CancellationToken.None);
        var statsFile = o.GetValueOrDefault("stats-file");
        using var timer = statsFile is null ? null : new Timer(_ => WriteStats(statsFile, server), null, 0, 500);
        Console.WriteLine($"READY {server.UdpEndPoint}");
        await Console.In.ReadToEndAsync();
    }

    private static void WriteStats(string path, TurnRelayServer server)
    {
        var s = server.Metrics.Snapshot();
        var line = string.Create(CultureInfo.InvariantCulture,
            $"allocations={server.AllocationCount} gc_heap={GC.GetTotalMemory(false)} to_peer={s.PacketsToPeer} to_client={s.PacketsToClient}\n");
        File.WriteAllText(path + ".tmp", line);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    /// <summary>Makes <c>count</c> allocations (one client socket each), prints ALLOCATED n, holds them until stdin closes.</summary>
    private static async Task AllocateAsync(Dictionary<string, string> o)
    {
        var server = new IPEndPoint(IPAddress.Loopback, Int(o, "port", 3478));
        var count = Int(o, "count", 10_000);
        var username = o["user"];
        var password = o["password"];
        var sockets = new Socket[count];
        var next = -1;
        var ok = 0;
        var workers = Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                sockets[i] = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                sockets[i].Bind(new IPEndPoint(IPAddress.Loopback, 0));
                if (await AllocateOneAsync(sockets[i], server, username, password))
                {
                    Interlocked.Increment(ref ok);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Console.WriteLine($"ALLOCATED {ok}");
        await Console.In.ReadToEndAsync();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }
    }

    private static async Task<bool> AllocateOneAsync(Socket socket, IPEndPoint server, string username, string password)
    {
        var challenge = await TransactAsync(socket, server, new StunMessageBuilder(StunMethod.Allocate, StunClass.Request).AddRequestedTransport());
        if (challenge is null || !challenge.TryGetString(StunAttributeType.Realm, out var realm) || !challenge.TryGetString(StunAttributeType.Nonce, out var nonce))
        {
            return false;
        }

        var request = new StunMessageBuilder(StunMethod.Allocate, StunClass.Request).AddRequestedTransport()
            .AddString(StunAttributeType.Username, username)
            .AddString(StunAttributeType.Realm, realm)
            .AddString(StunAttributeType.Nonce, nonce)
            .AddMessageIntegrity(StunCredentials.LongTermKey(username, realm, password))
            .AddFingerprint();
        var response = await TransactAsync(socket, server, request);
        return response?.Class == StunClass.SuccessResponse;
    }

    private static async Task<StunMessage?> TransactAsync(Socket socket, IPEndPoint server, StunMessageBuilder request)
    {
        var bytes = request.ToArray();
        var buffer = new byte[2048];
        for (var attempt = 0; attempt < 4; attempt++)
        {
            await socket.SendToAsync(bytes, server);
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(500 << attempt));
            try
            {
                while (true)
                {
                    var n = await socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
                    if (StunMessage.TryParse(buffer.AsSpan(0, n), out var message, out _) && message.TransactionId.SequenceEqual(request.TransactionId))
                    {
                        return message;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        return null;
    }
}
