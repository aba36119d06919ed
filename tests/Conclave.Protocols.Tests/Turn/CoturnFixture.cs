using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Turn;

/// <summary>
/// A real coturn (Debian <c>coturn</c>) on 127.0.0.1 with a port picked free and the TURN REST
/// shared-secret scheme; stopped by its process id when the tests are done.
/// </summary>
public class CoturnFixture : IAsyncLifetime
{
    private const string Secret = "conclave-test-secret";
    private Process? _process;
    private string? _directory;

    public IPEndPoint EndPoint { get; private set; } = null!;

    /// <summary>coturn's --stale-nonce: how long a nonce stays valid.</summary>
    protected virtual int NonceLifetimeSeconds => 600;

    public string Realm => "conclave.test";

    /// <summary>RFC-draft TURN REST credentials: username "expiry:user", password base64(HMAC-SHA1(secret, username)).</summary>
    public (string Username, string Password) Credentials(string user = "alice")
    {
        var expiry = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() + 3600;
        var username = $"{expiry}:{user}";
#pragma warning disable CA5350 // coturn's --use-auth-secret scheme is defined with HMAC-SHA1.
        var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(username)));
#pragma warning restore CA5350
        return (username, password);
    }

    public async Task InitializeAsync()
    {
        // The port is free when probed but another test process may take it before turnserver binds it
        // (it then runs without a listener): start again on another port.
        for (var attempt = 1; ; attempt++)
        {
            if (await TryStartAsync())
            {
                return;
            }

            await StopAsync();
            if (attempt == 3)
            {
                throw new TimeoutException("turnserver did not answer on " + EndPoint + " (three ports tried)");
            }
        }
    }

    public Task DisposeAsync() => StopAsync();

    private async Task<bool> TryStartAsync()
    {
        var port = FreeUdpPort();
        var relayBase = 40000 + (port % 200) * 100;
        _directory = Directory.CreateTempSubdirectory("coturn").FullName;
        var psi = new ProcessStartInfo("turnserver")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1", $"--listening-port={port}",
            $"--min-port={relayBase}", $"--max-port={relayBase + 99}", "--use-auth-secret", $"--static-auth-secret={Secret}",
            $"--realm={Realm}", "--no-tls", "--no-dtls", "--no-cli", "--allow-loopback-peers", "--no-tcp-relay",
            "--log-file=stdout", "--simple-log", $"--pidfile={Path.Combine(_directory, "turn.pid")}",
            $"--userdb={Path.Combine(_directory, "turn.db")}", $"--stale-nonce={NonceLifetimeSeconds}",
        })
        {
            psi.ArgumentList.Add(arg);
        }

        _process = Process.Start(psi) ?? throw new InvalidOperationException("turnserver did not start");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
        return await AnswersAsync();
    }

    private async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
            _directory = null;
        }
    }

    private static int FreeUdpPort()
    {
        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private async Task<bool> AnswersAsync()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var buffer = new byte[1500];
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var request = new StunMessageBuilder(StunMethod.Binding, StunClass.Request).ToArray();
            await socket.SendToAsync(request, EndPoint);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                var r = await socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), timeout.Token);
                if (StunMessage.TryParse(buffer.AsSpan(0, r.ReceivedBytes), out var m, out _) && m.Class == StunClass.SuccessResponse)
                {
                    return true;
                }
            }
            catch (OperationCanceledException)
            {
            }

            if (_process!.HasExited)
            {
                return false;
            }
        }

        return false;
    }
}
