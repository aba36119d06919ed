using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Conclave.Client.Auth;
using Conclave.Client.Chat;
using Conclave.Contracts.Api;

namespace Conclave.Benchmarks.Chat;

/// <summary>
/// Chat delivery under load (bench/scripts/45-chat.sh): <c>chat-measure --clients N --group G --rate R --seconds S
/// --dlp on|off</c> starts <see cref="ChatBenchServer"/> in a child process, signs N users in, connects each as one
/// device following its chats on the chat hub (SignalR over WebSocket and TLS, every packet on 127.0.0.1), and puts
/// them in group chats of G. Then two phases:
/// <list type="number">
/// <item>Fixed rate: R messages a second for S seconds, each from a random member to their group through the REST API,
/// timed from the moment it was due (not when it went out, so a stalled sender is counted, not hidden) until every
/// member's device, the sender's included, has received it on the hub.</item>
/// <item>Saturation: 64 senders in a closed loop for S seconds, each sending as soon as its last send was stored:
/// the messages stored per second, the server's throughput.</item>
/// </list>
/// A message not delivered to every member within 10 s of the end, or whose send failed, is counted lost. Bounded:
/// every step has a time limit.
/// </summary>
public static class ChatDeliveryBench
{
    private const int Parallel = 16;
    private const int SaturationSenders = 64;
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(10);

    // About the size of a real chat line, with digits and words the DLP types look at (none of them sensitive).
    private const string Text =
        "Status for ticket 4711: the build on branch release-12 passed 2,318 of 2,320 tests; the two failures are in the " +
        "relay suite and look like timing. Meeting moved to 14:30 in room 3.02, dial-in 555-0100. Thanks, see you there!";

    public static bool Handles(string[] args) => args is ["chat-measure", ..] or ["chat-serve", ..];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        int Number(string name, string fallback) => int.Parse(options.GetValueOrDefault(name, fallback), CultureInfo.InvariantCulture);
        var clients = Number("clients", "1000");
        var dlp = options.GetValueOrDefault("dlp", "off") == "on";
        if (args[0] == "chat-serve")
        {
            await ChatBenchServer.RunAsync(clients, dlp);
            return 0;
        }

        var group = Number("group", "10");
        var rate = Number("rate", "1000");
        var seconds = Number("seconds", "20");
        if (group < 2 || clients < group || clients % group != 0 || rate < 1 || seconds < 1)
        {
            throw new ArgumentException("Need --group of at least 2 that divides --clients, and a positive --rate and --seconds.");
        }

        var result = await MeasureAsync(clients, group, rate, TimeSpan.FromSeconds(seconds), dlp);
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {(dlp ? "on" : "off")} | {clients:N0} | {group} | {rate:N0} | {result.SentPerSecond:N0} | {result.P50:F1} | {result.P99:F1} | {result.Max:F1} | {result.Lost} | {result.SaturationPerSecond:N0} |");
        Console.WriteLine("| DLP | clients | group size | offered (msg/s) | sent (msg/s) | delivered to all, p50 (ms) | p99 (ms) | max (ms) | lost | saturation (msg/s stored) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine(row);
        if (options.TryGetValue("out", out var file))
        {
            await File.AppendAllTextAsync(file, row + "\n");
        }

        return result.Lost == 0 ? 0 : 1;
    }

    private static async Task<ChatDeliveryResult> MeasureAsync(int count, int groupSize, int rate, TimeSpan duration, bool dlp)
    {
        using var server = StartServer(count, dlp);
        var devices = new Device[count];
        try
        {
            var endpoint = await EndpointAsync(server);
            await ConnectAsync(endpoint, devices);
            var tracker = new DeliveryTracker(groupSize);
            using var stop = new CancellationTokenSource();
            var receivers = devices.Select(d => Task.Run(() => ReceiveAsync(d, tracker, stop.Token))).ToArray();
            var chats = await CreateGroupsAsync(devices, groupSize);
            await WarmAsync(devices);

            var (sent, latencies, lost) = await FixedRateAsync(devices, chats, groupSize, tracker, rate, duration);
            var saturation = await SaturateAsync(devices, chats, groupSize, tracker, duration);
            await stop.CancelAsync();
            await Task.WhenAll(receivers);
            latencies.Sort();
            return new ChatDeliveryResult(
                sent / duration.TotalSeconds, Percentile(latencies, 0.50), Percentile(latencies, 0.99), latencies.Count == 0 ? double.NaN : latencies[^1],
                lost, saturation);
        }
        finally
        {
            await Task.WhenAll(devices.Where(d => d is not null).Select(d => d.DisposeAsync().AsTask())).WaitAsync(StepLimit);
            server.StandardInput.Close();
            if (!server.WaitForExit(TimeSpan.FromSeconds(30)))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }

    private static async Task<(int Sent, List<double> Latencies, int Lost)> FixedRateAsync(
        Device[] devices, Guid[] chats, int groupSize, DeliveryTracker tracker, int rate, TimeSpan duration)
    {
        var total = (int)(rate * duration.TotalSeconds);
        var random = Random.Shared;
        var sends = new List<Task>(total);
        var interval = Stopwatch.Frequency / (double)rate;
        var start = Stopwatch.GetTimestamp();
        using var limit = new CancellationTokenSource(duration + StepLimit);
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * interval);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, limit.Token);
            }

            var sender = random.Next(devices.Length);
            sends.Add(SendAsync(devices[sender], chats[sender / groupSize], tracker, due, limit.Token));
        }

        await Task.WhenAll(sends);
        var lost = await tracker.DrainAsync(DrainLimit) + tracker.TakeFailed();
        return (total, tracker.TakeLatencies(), lost);
    }

    private static async Task<double> SaturateAsync(Device[] devices, Guid[] chats, int groupSize, DeliveryTracker tracker, TimeSpan duration)
    {
        var stored = 0;
        var start = Stopwatch.GetTimestamp();
        using var limit = new CancellationTokenSource(duration + StepLimit);
        var senders = Enumerable.Range(0, SaturationSenders).Select(async s =>
        {
            var random = Random.Shared;
            while (Stopwatch.GetElapsedTime(start) < duration)
            {
                var sender = random.Next(devices.Length);
                await SendAsync(devices[sender], chats[sender / groupSize], tracker, Stopwatch.GetTimestamp(), limit.Token);
                Interlocked.Increment(ref stored);
            }
        });
        await Task.WhenAll(senders);
        var elapsed = Stopwatch.GetElapsedTime(start);
        await tracker.DrainAsync(DrainLimit);
        tracker.TakeLatencies();
        return (stored - tracker.TakeFailed()) / elapsed.TotalSeconds;
    }

    /// <summary>A send; one that fails is counted (and its message forgotten), not thrown: the run reports it.</summary>
    private static async Task SendAsync(Device device, Guid chatId, DeliveryTracker tracker, long due, CancellationToken cancellationToken)
    {
        var clientMessageId = Guid.NewGuid();
        tracker.Expect(clientMessageId, due);
        try
        {
            await device.Chat.Api.SendAsync(chatId, new SendMessageRequest(clientMessageId, Text, null, null), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            tracker.Failed(clientMessageId);
        }
    }

    /// <summary>
    /// Each device's REST connection opened (a TLS handshake each, 16 at a time) right before the timed phases: the
    /// sign-in's connection has idled out by now, and a thousand handshakes at the first second of the load would be
    /// measured as a connection storm, not as chat delivery.
    /// </summary>
    private static async Task WarmAsync(Device[] devices)
    {
        using var gate = new SemaphoreSlim(Parallel);
        using var limit = new CancellationTokenSource(StepLimit);
        await Task.WhenAll(devices.Select(async d =>
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                await d.Chat.Api.ListAsync(limit.Token);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static async Task ReceiveAsync(Device device, DeliveryTracker tracker, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chatEvent in device.Chat.ReadEventsAsync(cancellationToken))
            {
                if (chatEvent.Kind == ChatEventKinds.MessageSent && chatEvent.Message is { } message)
                {
                    tracker.Delivered(message.ClientMessageId);
                }
                else if (chatEvent.Kind == ChatEventKinds.Created)
                {
                    device.Joined.TrySetResult();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Group chats of <paramref name="groupSize"/> consecutive devices, made by the first; waits until every member's device follows its chat.</summary>
    private static async Task<Guid[]> CreateGroupsAsync(Device[] devices, int groupSize)
    {
        using var limit = new CancellationTokenSource(StepLimit);
        var groups = devices.Length / groupSize;
        var ids = new Guid[devices.Length];
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(Enumerable.Range(0, groups).Select(async g =>
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                var members = devices.Skip(g * groupSize).Take(groupSize).ToArray();
                var chat = await members[0].Chat.Api.CreateAsync(ChatKindNames.Group, [.. members.Skip(1).Select(m => m.Upn)], $"Group {g}", limit.Token);
                for (var i = 0; i < groupSize; i++)
                {
                    ids[(g * groupSize) + i] = chat.ChatId;
                }
            }
            finally
            {
                gate.Release();
            }
        }));
        await Task.WhenAll(devices.Select(d => d.Joined.Task)).WaitAsync(limit.Token);
        return [.. Enumerable.Range(0, groups).Select(g => ids[g * groupSize])];
    }

    private static async Task ConnectAsync(ServerEndpoint endpoint, Device[] devices)
    {
        using var gate = new SemaphoreSlim(Parallel);
        using var limit = new CancellationTokenSource(StepLimit);
        await Task.WhenAll(Enumerable.Range(0, devices.Length).Select(async i =>
        {
            await gate.WaitAsync(limit.Token);
            try
            {
                var upn = ChatBenchServer.Upn(i);
                var session = await ConclaveSession.SignInWithPasswordAsync(endpoint, upn, ChatBenchServer.Password, null, TimeProvider.System, limit.Token);
                var chat = await ChatClient.ConnectAsync(session, new ChatClientOptions(), limit.Token);
                devices[i] = new Device(upn, session, chat);
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static async Task<ServerEndpoint> EndpointAsync(Process server)
    {
        using var limit = new CancellationTokenSource(StepLimit);
        while (await server.StandardOutput.ReadLineAsync(limit.Token) is { } line)
        {
            if (line.StartsWith("READY ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                var pin = string.Join(':', Convert.FromHexString(parts[2]).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
                return CertificateFingerprint.TryParse(pin, out var fingerprint) && fingerprint is not null
                    ? new ServerEndpoint(new Uri(parts[1]), ServerTrust.Pinned(fingerprint))
                    : throw new InvalidOperationException("The server printed no usable certificate hash.");
            }
        }

        throw new InvalidOperationException("The server process ended before it was ready.");
    }

    private static Process StartServer(int users, bool dlp)
    {
        // The same program in server mode: through the apphost when there is one, else through dotnet.
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        }

        foreach (var argument in new[] { "chat-serve", "--clients", users.ToString(CultureInfo.InvariantCulture), "--dlp", dlp ? "on" : "off" })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the server process.");
    }

    /// <summary>One signed-in user's device: its session (kept for the REST API) and its chat hub connection.</summary>
    private sealed class Device(string upn, ConclaveSession session, ChatClient chat) : IAsyncDisposable
    {
        public string Upn { get; } = upn;

        public ChatClient Chat { get; } = chat;

        /// <summary>Set when this device has heard of its group chat.</summary>
        public TaskCompletionSource Joined { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask DisposeAsync()
        {
            await Chat.DisposeAsync();
            session.Dispose();
        }
    }

    private sealed record ChatDeliveryResult(double SentPerSecond, double P50, double P99, double Max, int Lost, double SaturationPerSecond);
}
