using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;

namespace Conclave.Client.Tests.Media;

/// <summary>
/// A private coturn (Debian <c>turnserver</c>) on 127.0.0.1 for one test run: a free listening port,
/// a relay port range of its own, static long-term credentials and loopback peers allowed.
/// </summary>
internal sealed class CoturnServer : IAsyncDisposable
{
    public const string Username = "conclave";
    public const string Realm = "conclave.test";

    private readonly Process _process;
    private readonly string _directory;

    private CoturnServer(Process process, string directory, int port, string password)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Password = password;
    }

    public int Port { get; }

    public string Password { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>The iceServers entry a browser page uses.</summary>
    public string Url => string.Create(CultureInfo.InvariantCulture, $"turn:127.0.0.1:{Port}?transport=udp");

    public static async Task<CoturnServer> StartAsync(CancellationToken cancellationToken)
    {
        // The port is free when probed but another test process may take it before turnserver binds it:
        // start again on another port.
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(cancellationToken);
            }
            catch (Exception e) when (attempt < 3 && e is TimeoutException or InvalidOperationException)
            {
            }
        }
    }

    private static async Task<CoturnServer> StartOnceAsync(CancellationToken cancellationToken)
    {
        int port = FreeUdpPort();

        // A relay range away from the ephemeral ports; random so parallel runs rarely collide.
        int minPort = 20000 + (Random.Shared.Next(0, 200) * 50);
        string password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        string directory = Directory.CreateTempSubdirectory("conclave-coturn-").FullName;
        var start = new ProcessStartInfo("turnserver")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
        {
            "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={port}",
            $"--min-port={minPort}", $"--max-port={minPort + 49}", "--lt-cred-mech", $"--user={Username}:{password}",
            $"--realm={Realm}", "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--log-file=stdout",
            "--simple-log", $"--pidfile={Path.Combine(directory, "turn.pid")}", $"--userdb={Path.Combine(directory, "turn.db")}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("turnserver did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new CoturnServer(process, directory, port, password);
        try
        {
            await server.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    /// <summary>Ready once it answers a STUN Binding request (RFC 8489 §3) on its port.</summary>
    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        byte[] request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).ToArray();
        var buffer = new byte[1500];
        for (int attempt = 0; attempt < 50; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"turnserver exited with {_process.ExitCode}");
            }

            await socket.SendToAsync(request, EndPoint, cancellationToken);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromMilliseconds(100));
            try
            {
                int received = await socket.ReceiveAsync(buffer, wait.Token);
                if (StunMessage.TryParse(buffer.AsSpan(0, received), out StunMessage message, out _) && message.Class == StunClass.SuccessResponse)
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        throw new TimeoutException("turnserver did not answer STUN");
    }
}
