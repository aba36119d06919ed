using System.Globalization;
using Conclave.Server.Media;
using Conclave.Server.Relay;
using Conclave.Server.Tests.Relay;

namespace Conclave.Server.Tests.Media;

/// <summary>
/// Debian's Chromium (headless) as one device of a standard call and a .NET media endpoint as the other,
/// through the real server's media processor. The page's media stays on loopback through a TURN relay
/// on 127.0.0.1 (Chromium gathers no loopback host candidates), so its leg sees the relay's address.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ChromiumStandardLegTests(MediaServerFixture server, ChromiumBrowserFixture chromium)
    : IClassFixture<MediaServerFixture>, IClassFixture<ChromiumBrowserFixture>
{
    private const double BrowserTone = 1000;
    private const double ConclaveTone = 440;

    [Fact]
    public async Task ChromiumAndDotNet_ThroughTheProcessor_HearEachOther_AndChromiumsDtlsPeerIsTheLeg()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = cts.Token;
        var options = new RelayOptions
        {
            ListenAddress = "127.0.0.1",
            UdpPort = 0,
            Realm = "media-e2e.test",
            MinPort = 46000,
            MaxPort = 46999,
            AllowLoopbackPeers = true,
        };
        options.Secrets.Add(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        await using var relay = new TurnRelayServer(options);
        await relay.StartAsync(token);
        var credentials = TurnCredentials.Create("browser-user", TimeSpan.FromMinutes(10), options.Secrets[0], TimeProvider.System);
        var callId = Guid.NewGuid();
        await using var dotnet = MediaDevice.Create(callId, "dotnet", ConclaveTone);
        var browser = chromium.Browser;
        var id = "conclave-standard-" + callId.ToString("N")[..8];
        var ice = new { urls = $"turn:127.0.0.1:{relay.UdpEndPoint!.Port.ToString(CultureInfo.InvariantCulture)}?transport=udp", username = credentials.Username, credential = credentials.Password };
        await browser.SendAsync(new { op = "start", id, mode = "browser-offers", ice, toneHz = BrowserTone });
        var offer = (string)(await browser.ExpectAsync("offer", id, token))["sdp"]!;

        string? answer = null;
        var refusal = await server.Processor.OpenLegAsync(
            new MediaLegKey(callId, "chromium", "chromium-page", "chromium-user", "chromium@conclave.test"), offer, a =>
            {
                answer = a;
                return Task.CompletedTask;
            }, token);
        Assert.Null(refusal);
        await browser.SendAsync(new { op = "answer", id, sdp = answer });
        await browser.ExpectAsync("answered", id, token);
        Assert.Null(await dotnet.OfferAsync(server.Processor));
        await dotnet.Endpoint.ConnectAsync(token);

        // Chromium → processor → .NET: the page's tone, sent as PCMU, decrypted and re-encrypted on the way.
        Assert.True(await ToneAsync(dotnet, BrowserTone), $"{BrowserTone} Hz ratio {dotnet.Endpoint.TonePowerRatio(BrowserTone):F3}\n{browser.Diagnostics}");

        // .NET → processor → Chromium: decoded audio at the page, over its relayed candidate to the leg.
        var stats = await browser.ExpectStatsAsync(id, token);
        Assert.True((long)stats["bytesReceived"]! > 0, stats.ToJsonString());
        Assert.InRange((double)stats["audioLevel"]!, 0.3, 0.7);
        Assert.Equal("connected", (string?)stats["dtlsState"]);
        Assert.Equal("audio/PCMU/8000 pt 0", (string?)stats["inboundCodec"]);
        var legs = server.Processor.LegsOf(callId);
        Assert.Contains(legs, l => (string?)stats["remoteCandidate"] == $"host {l.Local}");
        Assert.Equal(DtlsSetupFingerprint(answer!), (string?)stats["remoteFingerprint"]);

        await browser.SendAsync(new { op = "close", id });
        await browser.ExpectAsync("closed", id, token);
        await server.Processor.CloseCallAsync(callId, "Test");
    }

    private static string DtlsSetupFingerprint(string sdp) =>
        sdp.Split("\r\n").First(l => l.StartsWith("a=fingerprint:sha-256 ", StringComparison.Ordinal))["a=fingerprint:sha-256 ".Length..];

    private static async Task<bool> ToneAsync(MediaDevice device, double frequency)
    {
        for (var i = 0; i < 500 && !device.Endpoint.ToneDetected(frequency); i++)
        {
            await Task.Delay(20);
        }

        return device.Endpoint.ToneDetected(frequency);
    }
}

internal static class ChromiumStats
{
    public static async Task<System.Text.Json.Nodes.JsonObject> ExpectStatsAsync(this ChromiumDriver browser, string id, CancellationToken token)
    {
        await browser.SendAsync(new { op = "stats", id });
        return await browser.ExpectAsync("stats", id, token);
    }
}
