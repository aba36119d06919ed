using System.Net;
using Conclave.Client.Calls;
using Conclave.Client.Media;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Turn;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Calls;

/// <summary>The server with Conclave's TURN relay on 127.0.0.1, handed to callers with per-call TURN REST credentials.</summary>
public sealed class RelayCallServerFixture : CallServerFixture
{
    public RelayCallServerFixture()
    {
        RelayPort = FreeUdpPort();
        Capture = new UdpCaptureProxy(new IPEndPoint(IPAddress.Loopback, RelayPort));
    }

    public int RelayPort { get; }

    /// <summary>Clients reach the relay through this capture: the URI handed out names its port.</summary>
    internal UdpCaptureProxy Capture { get; }

    protected override TestHostOptions Options => base.Options with { RelayPort = RelayPort, RelayAnnouncedPort = Capture.Port };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Capture.DisposeAsync();
    }
}

public sealed class RelayedCallTests(RelayCallServerFixture server) : IClassFixture<RelayCallServerFixture>
{
    private static CallClientOptions RelayOnly(string name, double tone) => new()
    {
        DeviceName = name,
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = tone,
        RelayOnly = true,
        RtcpInterval = TimeSpan.FromMilliseconds(200),
    };

    [Fact]
    public async Task E2eeCall_ThroughTheRelay_WithPerCallTurnRestCredentials_SameCode_ToneBothWays()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"), RelayOnly("alice", 440));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"), RelayOnly("bob", 1000));

        var call = await alice.Device.PlaceAsync(bob.Upn, CancellationToken.None);
        var incoming = await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, CancellationToken.None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();

        var turn = Assert.Single(call.IceServers);
        Assert.Equal($"turn:127.0.0.1:{server.Capture.Port}?transport=udp", Assert.Single(turn.Urls));
        Assert.True(TurnCredentials.TryParseUsername(turn.Username!, out var expiry, out var userId));
        Assert.Equal(alice.Device.Device.UserId, userId);
        Assert.InRange(expiry - DateTimeOffset.UtcNow.ToUnixTimeSeconds(), 60, 601);
        Assert.NotEqual(turn.Credential, Assert.Single(answered.IceServers).Credential);
        Assert.Equal(IceCandidateType.Relayed, call.Media!.SelectedPair!.Local.Type);
        Assert.Equal(IceCandidateType.Relayed, answered.Media!.SelectedPair!.Local.Type);
        Assert.Equal(call.SecurityCode, answered.SecurityCode);
        Assert.True(await Bounded.EventuallyAsync(() => call.ToneDetected(1000) && answered.ToneDetected(440)), "tone not detected both ways through the relay");
        await call.HangUpAsync(CancellationToken.None);

        // What crossed the relay: SRTP in ChannelData (RFC 8656 §12). Its payloads are ciphertext: decoded as
        // PCMU they hold no trace of the tones both receivers heard, because the keys came from a DTLS
        // handshake between the two clients' certificates (the codes above match) and never reached the server.
        var srtp = SrtpPayloadsCaptured(server.Capture);
        Assert.True(srtp.Count >= 25, $"only {srtp.Count} SRTP packets captured");
        var samples = new short[srtp.Sum(p => p.Length)];
        var offset = 0;
        foreach (var payload in srtp)
        {
            MuLaw.Decode(payload, samples.AsSpan(offset, payload.Length));
            offset += payload.Length;
        }

        Assert.True(Goertzel.PowerRatio(samples, 440, 8000) < 0.05, "the captured media holds the caller's tone");
        Assert.True(Goertzel.PowerRatio(samples, 1000, 8000) < 0.05, "the captured media holds the callee's tone");
    }

    /// <summary>RTP-range datagrams (RFC 7983 §7: first byte 128–191, payload type 0) inside ChannelData, minus header and auth tag.</summary>
    private static List<byte[]> SrtpPayloadsCaptured(UdpCaptureProxy capture)
    {
        const int RtpHeader = 12;
        const int MaxAuthTag = 16;
        var payloads = new List<byte[]>();
        foreach (var datagram in capture.Upstream)
        {
            if (!ChannelData.LooksLikeChannelData(datagram) || !ChannelData.TryParse(datagram, false, out var message, out _, out _))
            {
                continue;
            }

            var data = message.Data;
            if (data.Length > RtpHeader + MaxAuthTag + 100 && data[0] is >= 128 and <= 191 && (data[1] & 0x7F) == 0)
            {
                payloads.Add(data.Slice(RtpHeader, 160).ToArray());
            }
        }

        return payloads;
    }
}
