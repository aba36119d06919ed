using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Transport;

public sealed class TlsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private bool Pinned(object sender, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256) == server.Fingerprint;

    [Theory]
#pragma warning disable SYSLIB0039, CA5397 // Old protocols are offered on purpose: the server must refuse them.
    [InlineData(SslProtocols.Tls11)]
    [InlineData(SslProtocols.Tls)]
#pragma warning restore SYSLIB0039, CA5397
    public async Task Handshake_WithTls10Or11_IsRefused(SslProtocols protocol)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, Pinned);
        await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocol,
        }));
    }

    [Fact]
    public async Task Handshake_WithTls12_NegotiatesAnAeadSuite()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, Pinned);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls12 });
        Assert.Equal(SslProtocols.Tls12, ssl.SslProtocol);
        var suite = ssl.NegotiatedCipherSuite.ToString();
        Assert.True(suite.Contains("GCM", StringComparison.Ordinal) || suite.Contains("CHACHA20_POLY1305", StringComparison.Ordinal), suite);
    }

    [Fact]
    public async Task Handshake_WithTls13_Works()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port);
        await using var ssl = new SslStream(tcp.GetStream(), false, Pinned);
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost", EnabledSslProtocols = SslProtocols.Tls13 });
        Assert.Equal(SslProtocols.Tls13, ssl.SslProtocol);
    }

    [Theory]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES128-SHA", false)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES128-SHA256", false)]
    [InlineData("-tls1_1", "DEFAULT@SECLEVEL=0", false)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-AES128-GCM-SHA256", true)]
    [InlineData("-tls1_2", "ECDHE-ECDSA-CHACHA20-POLY1305", true)]
    public async Task OpenSslClient_OnlyAeadSuitesOnTls12_AreAccepted(string version, string cipher, bool accepted)
    {
        var start = new ProcessStartInfo("openssl")
        {
            ArgumentList = { "s_client", "-connect", $"127.0.0.1:{server.BaseAddress.Port}", version, "-cipher", cipher, "-brief" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
        var established = output.Contains("CONNECTION ESTABLISHED", StringComparison.Ordinal);
        Assert.True(accepted == established, output);
    }

    [Fact]
    public async Task PlainHttp_OnTheTlsPort_GetsNoHttpAnswer()
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        var buffer = new byte[4096];
        var total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(total), timeout.Token)) > 0 && total < buffer.Length)
            {
                total += read;
                if (total == buffer.Length)
                {
                    break;
                }
            }
        }
        catch (IOException)
        {
        }

        var answer = Encoding.ASCII.GetString(buffer, 0, total);
        Assert.DoesNotContain("\"ok\"", answer, StringComparison.Ordinal);
        Assert.False(answer.StartsWith("HTTP/1.1 200", StringComparison.Ordinal), answer);
    }

    [Fact]
    public async Task Healthz_OverHttps_IsOk_WithHsts()
    {
        using var client = server.CreateClient();
        using var response = await client.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
        Assert.Contains("max-age=", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public void Certificate_IsSelfSignedEcdsaP256_StoredInTheDataFolder()
    {
        Assert.Equal("1.2.840.10045.2.1", server.Server.Certificate.PublicKey.Oid.Value);
        Assert.True(File.Exists(Path.Combine(server.Server.DataPath, "tls.pfx")));
        Assert.Contains(server.Fingerprint.Length == 64 ? string.Join(":", server.Fingerprint.Chunk(2).Select(c => new string(c))) : "?", server.Output.ToString(), StringComparison.Ordinal);
    }
}
