using System.Net;
using Conclave.Protocols.Dtls;

namespace Conclave.Protocols.Tests.Interop.OpenSsl;

/// <summary>
/// DTLS-SRTP against OpenSSL 3 (<c>s_server</c> / <c>s_client</c>) over real UDP on 127.0.0.1: the
/// handshake completes in both roles, both sides authenticate by certificate, and the keying
/// material OpenSSL exports with "EXTRACTOR-dtls_srtp" equals ours byte for byte (RFC 5764 §4.2).
/// </summary>
public sealed class OpenSslDtlsSrtpInteropTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private const string AllProfiles = "SRTP_AEAD_AES_256_GCM:SRTP_AEAD_AES_128_GCM:SRTP_AES128_CM_SHA1_80";

    private readonly string _directory = Directory.CreateTempSubdirectory("conclave-openssl-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Theory]
    [InlineData(new ushort[] { 0x0008, 0x0007, 0x0001 }, 0x0008)]
    [InlineData(new ushort[] { 0x0007 }, 0x0007)]
    [InlineData(new ushort[] { 0x0001 }, 0x0001)]
    public async Task Client_AgainstOpenSslServer_ExportsTheSameKeyingMaterial(ushort[] offer, ushort expected)
    {
        using var ours = DtlsCertificate.Generate();
        using var theirs = DtlsCertificate.Generate();
        (string certFile, string keyFile) = WritePem(theirs, "server");
        string length = DtlsSrtpProtectionProfiles.KeyingMaterialLength(expected).ToString(System.Globalization.CultureInfo.InvariantCulture);
        (OpenSslProcess started, int port) = await StartServerAsync(p =>
        [
            "s_server", "-dtls1_2", "-accept", $"127.0.0.1:{p}", "-cert", certFile, "-key", keyFile,
            "-use_srtp", AllProfiles, "-keymatexport", "EXTRACTOR-dtls_srtp", "-keymatexportlen", length,
            "-Verify", "1", "-mtu", "1200", "-naccept", "1",
        ]);
        using OpenSslProcess server = started;
        using var bridge = new UdpChannelBridge(new IPEndPoint(IPAddress.Loopback, port));
        var options = new DtlsSrtpOptions { SrtpProfiles = offer, HandshakeTimeout = Wait };

        DtlsSrtpResult result = await DtlsSrtpEndpoint.HandshakeAsync(DtlsRole.Client, ours, theirs.Fingerprint, bridge.Channel, options);

        Assert.True(result.Succeeded, result + "\n" + server.Output);
        string material = await server.WaitForLineAsync("Keying material:", Wait);
        Assert.Equal(Concatenated(result.Keys!), KeyingMaterialHex(material));
        Assert.Equal(expected, result.Keys!.ProtectionProfile);
        Assert.Contains(OpenSslName(expected), await server.WaitForLineAsync("SRTP Extension negotiated", Wait), StringComparison.Ordinal);

        // OpenSSL received and printed our certificate: mutual authentication happened.
        Assert.Contains(ours.CertificatePem().Split('\n')[1], server.Output, StringComparison.Ordinal);
        await result.Session!.CloseAsync();
    }

    [Theory]
    [InlineData(AllProfiles, 0x0008)]
    [InlineData("SRTP_AES128_CM_SHA1_80:SRTP_AEAD_AES_128_GCM", 0x0007)]
    [InlineData("SRTP_AES128_CM_SHA1_80", 0x0001)]
    public async Task Server_AgainstOpenSslClient_ExportsTheSameKeyingMaterial(string clientProfiles, ushort expected)
    {
        using var ours = DtlsCertificate.Generate();
        using var theirs = DtlsCertificate.Generate();
        (string certFile, string keyFile) = WritePem(theirs, "client");
        using var bridge = new UdpChannelBridge();
        Task<DtlsSrtpResult> handshake = DtlsSrtpEndpoint.HandshakeAsync(
            DtlsRole.Server, ours, theirs.Fingerprint, bridge.Channel, new DtlsSrtpOptions { HandshakeTimeout = Wait });

        using var client = OpenSslProcess.Start(
            "s_client", "-dtls1_2", "-connect", $"127.0.0.1:{bridge.Port}", "-cert", certFile, "-key", keyFile,
            "-use_srtp", clientProfiles, "-keymatexport", "EXTRACTOR-dtls_srtp",
            "-keymatexportlen", DtlsSrtpProtectionProfiles.KeyingMaterialLength(expected).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-mtu", "1200");
        DtlsSrtpResult result = await handshake;

        Assert.True(result.Succeeded, result + "\n" + client.Output);
        string material = await client.WaitForLineAsync("Keying material:", Wait);
        Assert.Equal(Concatenated(result.Keys!), KeyingMaterialHex(material));
        Assert.Equal(expected, result.Keys!.ProtectionProfile);
        Assert.Equal(theirs.Fingerprint, result.Session!.RemoteFingerprint);
        await result.Session.CloseAsync();
    }

    [Fact]
    public async Task Server_OpenSslClientWithAnotherCertificate_FailsWithFingerprintMismatch()
    {
        using var ours = DtlsCertificate.Generate();
        using var theirs = DtlsCertificate.Generate();
        using var announced = DtlsCertificate.Generate();
        (string certFile, string keyFile) = WritePem(theirs, "client");
        using var bridge = new UdpChannelBridge();
        Task<DtlsSrtpResult> handshake = DtlsSrtpEndpoint.HandshakeAsync(
            DtlsRole.Server, ours, announced.Fingerprint, bridge.Channel, new DtlsSrtpOptions { HandshakeTimeout = Wait });

        using var client = OpenSslProcess.Start(
            "s_client", "-dtls1_2", "-connect", $"127.0.0.1:{bridge.Port}", "-cert", certFile, "-key", keyFile,
            "-use_srtp", AllProfiles, "-mtu", "1200");
        DtlsSrtpResult result = await handshake;

        Assert.Equal(DtlsSrtpError.FingerprintMismatch, result.Error);
        Assert.Null(result.Keys);
    }

    /// <summary>
    /// Starts s_server on a free port. The port is probed free just before, so another process can
    /// take it in between: then s_server never says ACCEPT and the next port is tried.
    /// </summary>
    private static async Task<(OpenSslProcess Server, int Port)> StartServerAsync(Func<int, string[]> arguments)
    {
        for (int attempt = 1; ; attempt++)
        {
            int port = UdpChannelBridge.FreePort();
            var server = OpenSslProcess.Start(arguments(port));
            try
            {
                await server.WaitForLineAsync("ACCEPT", TimeSpan.FromSeconds(5));
                return (server, port);
            }
            catch (TimeoutException) when (attempt < 3)
            {
                server.Dispose();
            }
        }
    }

    private (string Cert, string Key) WritePem(DtlsCertificate certificate, string name)
    {
        string cert = Path.Combine(_directory, name + "-cert.pem");
        string key = Path.Combine(_directory, name + "-key.pem");
        File.WriteAllText(cert, certificate.CertificatePem());
        File.WriteAllText(key, certificate.PrivateKeyPem());
        return (cert, key);
    }

    private static string Concatenated(DtlsSrtpKeys keys) =>
        Convert.ToHexString([.. keys.ClientWriteKey, .. keys.ServerWriteKey, .. keys.ClientWriteSalt, .. keys.ServerWriteSalt]);

    private static string KeyingMaterialHex(string line) =>
        line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().ToUpperInvariant();

    private static string OpenSslName(ushort profile) => profile switch
    {
        DtlsSrtpProtectionProfiles.AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        DtlsSrtpProtectionProfiles.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        DtlsSrtpProtectionProfiles.AesCm128HmacSha1_80 => "SRTP_AES128_CM_SHA1_80",
        _ => "SRTP_AES128_CM_SHA1_32",
    };
}
