using System.Globalization;
using System.Net;
using Conclave.Client.Media;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

/// <summary>Debian's Chromium (headless, through node and Playwright) shared by the calls of one class.</summary>
public sealed class ChromiumBrowserFixture : IAsyncLifetime
{
    private ChromiumDriver? _browser;

    internal ChromiumDriver Browser => _browser ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        _browser = await ChromiumDriver.StartAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}

/// <summary>
/// Acceptance of the relay (issue 5): a Chromium page with <c>iceTransportPolicy: 'relay'</c> holds an
/// end-to-end encrypted call (DTLS-SRTP between the page and the .NET <see cref="MediaEndpoint"/>)
/// through the Conclave relay on 127.0.0.1, and the relay, watched through <see cref="IRelayTap"/>,
/// saw nothing but STUN, DTLS and SRTP/SRTCP, and none of the audio the .NET side encoded.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ChromiumThroughRelayTests(ChromiumBrowserFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<ChromiumBrowserFixture>
{
    private const double BrowserTone = 1000;
    private const double ConclaveTone = 440;

    /// <param name="bothLegsRelayed">
    /// False: the page's relayed candidate reaches the .NET side's loopback host candidate, so the relay
    /// carries both directions through one allocation. True: the .NET side is relay-only too (two
    /// allocations, every packet relayed twice).
    /// </param>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RelayOnlyCall_FromChromium_IsEndToEndEncrypted_AndTheRelaySeesOnlyCiphertext(bool bothLegsRelayed)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = cts.Token;
        var tap = new RecordingRelayTap();
        var options = new RelayOptions
        {
            ListenAddress = "127.0.0.1",
            UdpPort = 0,
            Realm = "relay-e2e.test",
            MinPort = 45000,
            MaxPort = 45999,
            // The only peers on this machine are on loopback (the network rule), which a relay refuses unless told.
            AllowLoopbackPeers = true,
        };
        options.Secrets.Add(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        var relay = new TurnRelayServer(options) { Tap = tap };
        await relay.StartAsync(token);
        var relayed = new List<RelayedDatagram>();
        var source = new RecordingAudioSource(ConclaveTone);
        var browser = fixture.Browser;
        var id = "conclave-relay-" + (bothLegsRelayed ? "both" : "browser");
        MediaEndpoint? endpoint = null;
        Conclave.Protocols.Srtp.SrtpProfile profile;
        uint ourSsrc;
        long sent;
        try
        {
            var browserCredentials = TurnCredentials.Create("browser-user", TimeSpan.FromMinutes(10), options.Secrets[0], TimeProvider.System);
            var ourCredentials = TurnCredentials.Create("dotnet-user", TimeSpan.FromMinutes(10), options.Secrets[0], TimeProvider.System);
            var port = relay.UdpEndPoint!.Port.ToString(CultureInfo.InvariantCulture);
            endpoint = MediaEndpoint.Create(new MediaEndpointOptions
            {
                AddressFilter = address => address.Equals(IPAddress.Loopback),
                // Only when our leg is relayed too: with a relayed candidate of ours as well, ICE could pick
                // relay-to-relay in the other variant, and it would not test the path it names.
                TurnServers = bothLegsRelayed ? [new IceTurnServer(relay.UdpEndPoint, ourCredentials.Username, ourCredentials.Password)] : [],
                RelayOnly = bothLegsRelayed,
                AudioSource = source,
                RtcpInterval = TimeSpan.FromSeconds(1),
            });

            var ice = new { urls = $"turn:127.0.0.1:{port}?transport=udp", username = browserCredentials.Username, credential = browserCredentials.Password };
            await browser.SendAsync(new { op = "start", id, mode = "browser-offers", ice, toneHz = BrowserTone });
            var offer = (string)(await browser.ExpectAsync("offer", id, token))["sdp"]!;
            Assert.Contains(" typ relay", offer, StringComparison.Ordinal);
            Assert.DoesNotContain(" typ host", offer, StringComparison.Ordinal);
            await browser.SendAsync(new { op = "answer", id, sdp = await endpoint.CreateAnswerAsync(offer, token) });
            await browser.ExpectAsync("answered", id, token);
            await endpoint.ConnectAsync(token);

            Assert.Equal(DtlsRole.Client, endpoint.DtlsRole);
            Assert.Equal(IPAddress.Loopback, endpoint.SelectedPair!.Remote.Address.Address);
            Assert.Equal(IceCandidateType.Relayed, endpoint.SelectedPair.Remote.Type);
            Assert.Equal(bothLegsRelayed ? IceCandidateType.Relayed : IceCandidateType.Host, endpoint.SelectedPair.Local.Type);

            // Chromium → .NET: the page's tone arrived and decrypted.
            Assert.True(await ToneAsync(endpoint, BrowserTone), $"{BrowserTone} Hz power ratio {endpoint.TonePowerRatio(BrowserTone):F3}\n{browser.Diagnostics}");

            // .NET → Chromium: getStats shows our PCMU received and decoded, over the relay only.
            await browser.SendAsync(new { op = "stats", id, screenshot = Path.Combine(ChromiumDriver.E2eDirectory, "screenshots", $"media-{id}.png") });
            var stats = await browser.ExpectAsync("stats", id, token);
            Assert.True((long)stats["bytesReceived"]! > 0, stats.ToJsonString());
            Assert.InRange((double)stats["audioLevel"]!, 0.3, 0.7);
            Assert.Equal("connected", (string?)stats["dtlsState"]);
            Assert.StartsWith("relay 127.0.0.1:", (string?)stats["localCandidate"], StringComparison.Ordinal);
            Assert.StartsWith(bothLegsRelayed ? "relay 127.0.0.1:" : "host 127.0.0.1:", (string?)stats["remoteCandidate"], StringComparison.Ordinal);

            // End to end: the page's DTLS peer is our certificate, and both sides show the same code.
            Assert.Equal(endpoint.LocalFingerprint.ToColonHex(), (string?)stats["remoteFingerprint"]);
            Assert.NotNull(endpoint.SecurityCode);
            Assert.Equal(endpoint.SecurityCode, (string?)stats["securityCode"]);
            Assert.Equal(0, endpoint.GetStatistics().PacketsRejected);

            await endpoint.CloseAsync(token);
            profile = endpoint.SrtpProfile!.Value;
            ourSsrc = endpoint.LocalSsrc;
            sent = endpoint.GetStatistics().PacketsSent;
            await browser.SendAsync(new { op = "close", id });
            await browser.ExpectAsync("closed", id, token);
        }
        finally
        {
            if (endpoint is not null)
            {
                await endpoint.DisposeAsync();
            }

            await relay.DisposeAsync();
            relayed.AddRange(tap.Datagrams);
        }

        // What the relay held: judged only now that it has stopped.
        var inspection = new RelayedTrafficInspection(source.PcmuFrames, profile);
        var index = 0;
        foreach (var datagram in relayed)
        {
            inspection.Inspect(datagram.Payload, $"#{index++} {datagram.Direction} via {datagram.RelayedEndPoint}");
        }

        output.WriteLine($"relayed {relayed.Count} datagrams ({profile}): STUN {inspection.Stun}, DTLS records clear/encrypted " +
            $"{inspection.DtlsPlaintextRecords}/{inspection.DtlsEncryptedRecords}, SRTCP {inspection.Srtcp}, SRTP by SSRC " +
            string.Join(", ", inspection.SrtpBySsrc.Select(s => $"{s.Key:x8}{(s.Key == ourSsrc ? " (ours)" : "")}: {s.Value}")) +
            $"; we sent {sent} SRTP packets, {source.PcmuFrames.Count} PCMU frames checked");
        Assert.True(inspection.Problems.Count == 0, string.Join('\n', inspection.Problems.Take(20)));
        Assert.True(source.PcmuFrames.Count >= 25, $"only {source.PcmuFrames.Count} frames sent");
        Assert.True(inspection.Stun > 0 && inspection.DtlsPlaintextRecords > 0 && inspection.DtlsEncryptedRecords > 0 && inspection.Srtcp > 0,
            $"STUN {inspection.Stun}, DTLS clear/encrypted {inspection.DtlsPlaintextRecords}/{inspection.DtlsEncryptedRecords}, SRTCP {inspection.Srtcp}");

        // The relay carried our media and the page's: most of the packets we protected crossed it as SRTP.
        var ours = inspection.SrtpBySsrc.GetValueOrDefault(ourSsrc);
        Assert.True(ours >= sent * 9 / 10, $"relayed {ours} of our {sent} SRTP packets");
        Assert.Contains(inspection.SrtpBySsrc, s => s.Key != ourSsrc && s.Value >= 25);
    }

    private static async Task<bool> ToneAsync(MediaEndpoint endpoint, double frequency)
    {
        for (var i = 0; i < 500 && !endpoint.ToneDetected(frequency); i++)
        {
            await Task.Delay(20);
        }

        return endpoint.ToneDetected(frequency);
    }
}
