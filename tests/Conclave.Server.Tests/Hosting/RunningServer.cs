using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;

namespace Conclave.Server.Tests.Hosting;

/// <summary>A server process started by <see cref="ServerProcess.StartAsync"/>, listening on <see cref="Address"/>.</summary>
public sealed class RunningServer : IDisposable
{
    internal const string FingerprintPrefix = "TLS certificate SHA-256 fingerprint:";

    private readonly Process _process;
    private readonly Task _drained;

    internal RunningServer(Process process, Uri address, string fingerprint, string startOutput)
    {
        _process = process;
        Address = address;
        StartOutput = startOutput;
        Fingerprint = fingerprint.Replace(":", "", StringComparison.Ordinal);
        // Its pipes are read to the end so that the server never blocks writing to them.
        _drained = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
    }

    public Uri Address { get; }

    /// <summary>What the server printed on stdout up to its first "Listening on" line.</summary>
    public string StartOutput { get; }

    /// <summary>The SHA-256 fingerprint of its TLS certificate, hex without separators.</summary>
    public string Fingerprint { get; }

    /// <summary>An HTTP client that trusts exactly this server's certificate.</summary>
    public HttpClient CreateClient(string? accessToken = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            SslOptions =
            {
                RemoteCertificateValidationCallback = (_, cert, _, _) =>
                    cert is not null && string.Equals(cert.GetCertHashString(HashAlgorithmName.SHA256), Fingerprint, StringComparison.OrdinalIgnoreCase),
            },
        };
        var client = new HttpClient(handler) { BaseAddress = Address, DefaultRequestVersion = HttpVersion.Version11 };
        if (accessToken is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        }

        return client;
    }

    /// <summary>Ends the process at once with SIGKILL: no shutdown code runs, no buffer is flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            // The whole tree: started through `dotnet run` (the README's command), the server is a child of the
            // process started here, and killing only the parent would leave it running after the test.
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
        _drained.Wait(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
