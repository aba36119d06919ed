using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Conclave.Client.Media;
using Conclave.Protocols.Dtls;
using Conclave.Server.Audit;
using Conclave.Server.Media;
using Conclave.Server.Storage;
using Conclave.Server.Tests.Fixtures;
using Conclave.Server.Tests.Relay;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Media;

/// <summary>Legs of the real server's media processor driven by .NET media endpoints on loopback.</summary>
public sealed class MediaLegTests(MediaServerFixture server) : IClassFixture<MediaServerFixture>
{
    [Fact]
    public async Task Leg_DeviceCertificateNotMatchingTheOfferFingerprint_IsRefused_AndTheLegClosed()
    {
        var callId = Guid.NewGuid();
        await using var device = MediaDevice.Create(callId, "mallory", 440);
        using var other = DtlsCertificate.Generate();
        var before = server.Metrics.Snapshot();

        // The offer names another certificate than the one the device will present in DTLS.
        var refusal = await device.OfferAsync(server.Processor, offer =>
            offer.Replace(device.Endpoint.LocalFingerprint.ToSdpValue(), other.Fingerprint.ToSdpValue(), StringComparison.Ordinal));
        Assert.Null(refusal);
        Assert.Single(server.Processor.LegsOf(callId));

        var failed = await Assert.ThrowsAsync<MediaCallException>(() => device.Endpoint.ConnectAsync(CancellationToken.None));

        Assert.Equal(MediaCallError.DtlsFailed, failed.Error);
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().HandshakeFailures == before.HandshakeFailures + 1
            && server.Processor.LegsOf(callId).Count == 0 && server.Metrics.LegsOpen == before.LegsOpen);
        Assert.Equal(before.LegsConnected, server.Metrics.Snapshot().LegsConnected);

        var closed = await AuditOfAsync(callId, MediaAuditActions.LegClosed);
        for (var wait = 0; closed.Count == 0 && wait < 100; wait++)
        {
            // The record is written just after the leg is released.
            await Task.Delay(20);
            closed = await AuditOfAsync(callId, MediaAuditActions.LegClosed);
        }

        Assert.Equal(AuditOutcome.Failure, Assert.Single(closed).Outcome);
        Assert.Contains("DtlsFingerprintMismatch", closed[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Leg_HostileDatagramsFromAnotherAddress_AreCountedAndDropped_WhileMediaKeepsFlowing()
    {
        var callId = Guid.NewGuid();
        await using var alice = MediaDevice.Create(callId, "alice", 440);
        await using var bob = MediaDevice.Create(callId, "bob", 1000);
        Assert.Null(await alice.OfferAsync(server.Processor));
        Assert.Null(await bob.OfferAsync(server.Processor));
        await Task.WhenAll(alice.Endpoint.ConnectAsync(CancellationToken.None), bob.Endpoint.ConnectAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        var aliceLeg = alice.Endpoint.SelectedPair!.Remote.Address;
        await Eventually.TrueAsync(() => bob.Endpoint.GetStatistics().PacketsReceived > 5);
        var before = server.Metrics.Snapshot();
        var rejectedByBob = bob.Endpoint.GetStatistics().PacketsRejected;

        using var attacker = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        attacker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var hostile = HostileDatagrams().ToList();
        foreach (var datagram in hostile)
        {
            await attacker.SendToAsync(datagram, SocketFlags.None, aliceLeg);
        }

        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsRefused >= before.PacketsRefused + hostile.Count);
        var forwarded = server.Metrics.Snapshot().PacketsForwarded;
        await Eventually.TrueAsync(() => server.Metrics.Snapshot().PacketsForwarded > forwarded + 10);
        Assert.Equal(rejectedByBob, bob.Endpoint.GetStatistics().PacketsRejected);
        Assert.True(await ToneBothWaysAsync(alice.Endpoint, bob.Endpoint), "tone not detected both ways after the attack");

        await server.Processor.CloseCallAsync(callId, "Test");
        Assert.Empty(server.Processor.LegsOf(callId));
    }

    [Fact]
    public async Task Leg_AuditRecords_NameTheCallAndDevice_AndHoldNoKeyMaterial()
    {
        var callId = Guid.NewGuid();
        await using var alice = MediaDevice.Create(callId, "alice", 440);
        await using var bob = MediaDevice.Create(callId, "bob", 1000);
        Assert.Null(await alice.OfferAsync(server.Processor));
        Assert.Null(await bob.OfferAsync(server.Processor));
        await Task.WhenAll(alice.Endpoint.ConnectAsync(CancellationToken.None), bob.Endpoint.ConnectAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));

        await server.Processor.CloseCallAsync(callId, "HungUp");

        var records = new List<AuditRecord>();
        for (var wait = 0; records.Count < 4 && wait < 100; wait++)
        {
            // The opened records are written off the set-up path.
            await Task.Delay(20);
            records = [.. await AuditOfAsync(callId, MediaAuditActions.LegOpened), .. await AuditOfAsync(callId, MediaAuditActions.LegClosed)];
        }

        Assert.Equal(4, records.Count);
        Assert.Contains(records, r => r.ActorUpn == "alice@conclave.test" && r.Details!.Contains("device-alice", StringComparison.Ordinal));
        foreach (var record in records)
        {
            foreach (var secret in new[] { alice.Endpoint.LocalFingerprint, bob.Endpoint.LocalFingerprint }.Select(f => f.ToSdpValue().Split(' ')[1]))
            {
                Assert.DoesNotContain(secret, record.Details!, StringComparison.OrdinalIgnoreCase);
            }

            Assert.DoesNotContain("key", record.Details!, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task MediaMetrics_OnTheAdminApi_CountTheLegsAndForwardedPackets_AndAreDeniedToMembers()
    {
        const string Password = "media-password-123";
        var teamsAdmin = await server.CreateUserAsync(ServerFixture.UniqueName("mediata"), Password, "TeamsAdministrator");
        var (secret, _) = await server.EnrollMfaAsync(teamsAdmin, Password);
        using var admin = server.CreateClient(await server.SignInAsync(teamsAdmin, Password, ServerFixture.Totp(secret)));
        var member = await server.CreateUserAsync(ServerFixture.UniqueName("mediam"), Password);
        using var user = server.CreateClient(await server.SignInAsync(member, Password));
        var before = await admin.GetFromJsonAsync<JsonElement>(MediaProcessorServiceCollectionExtensions.MetricsPath);

        var callId = Guid.NewGuid();
        await using var alice = MediaDevice.Create(callId, "alice", 440);
        await using var bob = MediaDevice.Create(callId, "bob", 1000);
        Assert.Null(await alice.OfferAsync(server.Processor));
        Assert.Null(await bob.OfferAsync(server.Processor));
        await Task.WhenAll(alice.Endpoint.ConnectAsync(CancellationToken.None), bob.Endpoint.ConnectAsync(CancellationToken.None)).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => alice.Endpoint.GetStatistics().PacketsReceived > 3);
        var during = await admin.GetFromJsonAsync<JsonElement>(MediaProcessorServiceCollectionExtensions.MetricsPath);
        await server.Processor.CloseCallAsync(callId, "Test");

        Assert.Equal(before.GetProperty("legsOpened").GetInt64() + 2, during.GetProperty("legsOpened").GetInt64());
        Assert.True(during.GetProperty("legsOpen").GetInt64() >= 2, during.ToString());
        Assert.True(during.GetProperty("packetsForwarded").GetInt64() > before.GetProperty("packetsForwarded").GetInt64(), during.ToString());
        using var denied = await user.GetAsync(MediaProcessorServiceCollectionExtensions.MetricsPath);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task Offer_Unparsable_IsRefusedWithoutOpeningALeg()
    {
        var callId = Guid.NewGuid();
        var refusal = await server.Processor.OpenLegAsync(
            new MediaLegKey(callId, "c", "d", "u", "u@conclave.test"), "v=0\r\nnot sdp", _ => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(MediaRefusal.InvalidOfferCode, refusal?.Code);
        Assert.Empty(server.Processor.LegsOf(callId));
    }

    /// <summary>What a stranger may throw at a leg's port: SRTP-, SRTCP- and DTLS-looking packets and junk.</summary>
    private static IEnumerable<byte[]> HostileDatagrams()
    {
        for (var i = 0; i < 20; i++)
        {
            var rtp = new byte[172];
            Random.Shared.NextBytes(rtp);
            rtp[0] = 0x80;
            rtp[1] = 0x00;
            yield return rtp;

            var rtcp = new byte[60];
            Random.Shared.NextBytes(rtcp);
            rtcp[0] = 0x80;
            rtcp[1] = 200;
            yield return rtcp;

            var dtls = new byte[100];
            Random.Shared.NextBytes(dtls);
            dtls[0] = 22;
            dtls[1] = 0xFE;
            dtls[2] = 0xFD;
            yield return dtls;

            yield return [0xFF, (byte)i];
        }
    }

    private static async Task<bool> ToneBothWaysAsync(MediaEndpoint alice, MediaEndpoint bob)
    {
        var deadline = Environment.TickCount64 + 5000;
        while (Environment.TickCount64 < deadline)
        {
            if (alice.ToneDetected(1000) && bob.ToneDetected(440))
            {
                return true;
            }

            await Task.Delay(20);
        }

        return false;
    }

    private async Task<List<AuditRecord>> AuditOfAsync(Guid callId, string action)
    {
        using var scope = server.Server.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var target = callId.ToString();
        return await db.AuditRecords.Where(r => r.Action == action && r.Target == target).ToListAsync();
    }
}
