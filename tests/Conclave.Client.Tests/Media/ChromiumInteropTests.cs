using System.Net;
using System.Text.Json.Nodes;
using Conclave.Client.Media;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Tests.Media;

/// <summary>
/// A real RTCPeerConnection in Debian's Chromium against <see cref="MediaEndpoint"/>. Chromium gathers
/// no loopback host candidates, so its media goes through coturn on 127.0.0.1 with
/// <c>iceTransportPolicy: 'relay'</c>; every packet stays on loopback.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ChromiumInteropTests(ChromiumFixture fixture) : IClassFixture<ChromiumFixture>
{
    /// <summary>The page's OscillatorNode tone.</summary>
    private const double BrowserTone = 1000;

    /// <summary>Our tone.</summary>
    private const double ConclaveTone = 440;

    public enum Negotiation
    {
        /// <summary>Chromium offers actpass; we answer active and are the DTLS client.</summary>
        BrowserOffersWeAnswerActive,

        /// <summary>Chromium offers actpass; we answer passive and are the DTLS server.</summary>
        BrowserOffersWeAnswerPassive,

        /// <summary>We offer actpass; Chromium answers active, so we are the DTLS server.</summary>
        WeOfferActPass,

        /// <summary>We offer active (forcing our client role); Chromium answers passive.</summary>
        WeOfferActive,
    }

    /// <param name="negotiation">Who offers and which a=setup we send.</param>
    /// <param name="expectedRole">Our DTLS role that must come out of it.</param>
    /// <param name="relayOnly">
    /// Our side relay-only too: both legs through coturn, which proves our TURN client (Allocate,
    /// CreatePermission, Send/Data or ChannelData) against coturn with Chromium's ICE on top.
    /// </param>
    [Theory]
    [InlineData(Negotiation.BrowserOffersWeAnswerActive, DtlsRole.Client, false)]
    [InlineData(Negotiation.BrowserOffersWeAnswerPassive, DtlsRole.Server, false)]
    [InlineData(Negotiation.WeOfferActPass, DtlsRole.Server, false)]
    [InlineData(Negotiation.WeOfferActive, DtlsRole.Client, false)]
    [InlineData(Negotiation.BrowserOffersWeAnswerActive, DtlsRole.Client, true)]
    [InlineData(Negotiation.WeOfferActPass, DtlsRole.Server, true)]
    public async Task Call_WithChromium_AudioFlowsBothWaysAndSecurityCodesMatch(Negotiation negotiation, DtlsRole expectedRole, bool relayOnly)
    {
        // Longer than ConnectTimeout, so that a slow connect fails with its own diagnostics.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        CancellationToken token = cts.Token;
        ChromiumDriver browser = fixture.Browser;
        CoturnServer turn = fixture.Turn;
        string id = negotiation + (relayOnly ? "-relay" : string.Empty);
        await using var endpoint = MediaEndpoint.Create(new MediaEndpointOptions
        {
            AddressFilter = address => address.Equals(IPAddress.Loopback),
            TurnServers = [new IceTurnServer(turn.EndPoint, CoturnServer.Username, turn.Password)],
            RelayOnly = relayOnly,
            ToneFrequency = ConclaveTone,
            AnswerSetup = negotiation == Negotiation.BrowserOffersWeAnswerPassive ? DtlsSetup.Passive : DtlsSetup.Active,
            OfferSetup = negotiation == Negotiation.WeOfferActive ? DtlsSetup.Active : DtlsSetup.ActPass,
            RtcpInterval = TimeSpan.FromSeconds(1),
            // Chromium, coturn and the other test projects share two cores here: give the DTLS
            // retransmissions (1 s, 2 s, 4 s, ...) room to recover from a starved first flight.
            Dtls = new DtlsSrtpOptions { HandshakeTimeout = TimeSpan.FromSeconds(30) },
            ConnectTimeout = TimeSpan.FromSeconds(40),
        });
        var ice = new { urls = turn.Url, username = CoturnServer.Username, credential = turn.Password };

        if (negotiation is Negotiation.BrowserOffersWeAnswerActive or Negotiation.BrowserOffersWeAnswerPassive)
        {
            await browser.SendAsync(new { op = "start", id, mode = "browser-offers", ice, toneHz = BrowserTone });
            string offer = (string)(await browser.ExpectAsync("offer", id, token))["sdp"]!;
            string answer = await endpoint.CreateAnswerAsync(offer, token);
            await browser.SendAsync(new { op = "answer", id, sdp = answer });
            await browser.ExpectAsync("answered", id, token);
        }
        else
        {
            await browser.SendAsync(new { op = "start", id, mode = "browser-answers", ice, toneHz = BrowserTone });
            await browser.ExpectAsync("ready", id, token);
            string offer = await endpoint.CreateOfferAsync(token);
            await browser.SendAsync(new { op = "offer", id, sdp = offer });
            endpoint.ApplyAnswer((string)(await browser.ExpectAsync("answer", id, token))["sdp"]!);
        }

        try
        {
            await endpoint.ConnectAsync(token);
        }
        catch (Exception e) when (e is MediaCallException or OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException(
                $"connect failed: {e.Message}; DTLS role {endpoint.DtlsRole}, selected pair {endpoint.SelectedPair?.ToString() ?? "none"}\n{browser.Diagnostics}");
        }

        Assert.Equal(expectedRole, endpoint.DtlsRole);
        IceCandidatePair pair = endpoint.SelectedPair!;
        Assert.Equal(IPAddress.Loopback, pair.Remote.Address.Address);
        if (relayOnly)
        {
            Assert.Equal(IceCandidateType.Relayed, pair.Local.Type);
        }

        // Chromium → Conclave: the page's 1000 Hz oscillator, PCMU-encoded by Chromium, decoded here.
        Assert.True(await CallPair.EventuallyAsync(() => endpoint.ToneDetected(BrowserTone), TimeSpan.FromSeconds(10)),
            $"1000 Hz power ratio {endpoint.TonePowerRatio(BrowserTone):F3}\n{browser.Diagnostics}");
        Assert.False(endpoint.ToneDetected(ConclaveTone));

        // Conclave → Chromium: getStats shows our PCMU arriving.
        string screenshot = Path.Combine(ChromiumDriver.E2eDirectory, "screenshots", $"media-{id}.png");
        await browser.SendAsync(new { op = "stats", id, screenshot });
        JsonObject stats = await browser.ExpectAsync("stats", id, token);
        Assert.True((long)stats["bytesReceived"]! > 0, stats.ToJsonString());
        Assert.True((long)stats["packetsReceived"]! > 0, stats.ToJsonString());
        Assert.StartsWith("audio/PCMU/8000", (string?)stats["inboundCodec"], StringComparison.OrdinalIgnoreCase);

        // Chromium decoded it: our tone peaks at 16000/32767 of full scale, about 0.49 (the loudest level the page sampled).
        Assert.InRange((double)stats["audioLevel"]!, 0.3, 0.7);
        Assert.Equal("connected", (string?)stats["dtlsState"]);

        // Both ended on the same protection profile; as DTLS server we pick by Conclave's preference (GCM first).
        Assert.Equal(ChromiumCipherName(endpoint.SrtpProfile!.Value), (string?)stats["srtpCipher"]);
        if (expectedRole == DtlsRole.Server)
        {
            Assert.Equal(SrtpProfile.AeadAes256Gcm, endpoint.SrtpProfile);
        }
        Assert.Equal(expectedRole == DtlsRole.Client ? "server" : "client", (string?)stats["dtlsRole"]);
        Assert.StartsWith("relay 127.0.0.1:", (string?)stats["localCandidate"], StringComparison.Ordinal);
        Assert.StartsWith(relayOnly ? "relay 127.0.0.1:" : "host 127.0.0.1:", (string?)stats["remoteCandidate"], StringComparison.Ordinal);

        // The page saw our certificate in the handshake, and its code equals ours.
        Assert.Equal(endpoint.LocalFingerprint.ToColonHex(), (string?)stats["remoteFingerprint"]);
        Assert.Equal(endpoint.RemoteFingerprint?.ToColonHex(), (string?)stats["localFingerprint"]);
        Assert.NotNull(endpoint.SecurityCode);
        Assert.Equal(endpoint.SecurityCode, (string?)stats["securityCode"]);

        MediaStatistics ours = endpoint.GetStatistics();
        Assert.True(ours.PacketsReceived > 0 && ours.PacketsSent > 0, ours.ToString());
        Assert.Equal(0, ours.PacketsRejected);

        await endpoint.CloseAsync(token);
        await browser.SendAsync(new { op = "close", id });
        await browser.ExpectAsync("closed", id, token);
    }

    private static string ChromiumCipherName(SrtpProfile profile) => profile switch
    {
        SrtpProfile.AeadAes256Gcm => "SRTP_AEAD_AES_256_GCM",
        SrtpProfile.AeadAes128Gcm => "SRTP_AEAD_AES_128_GCM",
        SrtpProfile.AesCm128HmacSha1_80 => "SRTP_AES128_CM_HMAC_SHA1_80",
        _ => "SRTP_AES128_CM_HMAC_SHA1_32",
    };
}
