using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Calls;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Protocols.Security;
using Conclave.Server.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// Acceptance of the browser call page (issue 6): Chromium pages signed in through the server's login page
/// call each other and the .NET client through the real server, with media on the relay on 127.0.0.1.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class BrowserCallTests(BrowserCallFixture fixture)
{
    [Fact]
    public async Task TwoPages_E2eeCall_AudioAndVideoBothWays_SameSecurityCodeAsTheSdpFingerprints()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob", "EnabledUserOverride", E2eeUserSetting.Unset);
        await using var alice = await fixture.OpenSignedInAsync("e2ee-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("e2ee-bob", bobUpn);
        var policy = (string?)alice.Opened["headers"]!["content-security-policy"];
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);

        await alice.PlaceAsync(bobUpn);
        var ringing = await bob.WaitForAsync("incoming");
        Assert.Equal(aliceUpn, (string?)ringing["snapshot"]!["ringing"]!["callerUpn"]);
        await bob.AnswerAsync();
        var atAlice = await alice.WaitForAsync("media");
        var atBob = await bob.WaitForAsync("media");
        atAlice = await alice.WaitForAsync("code");
        atBob = await bob.WaitForAsync("code");
        await alice.SnapshotAsync("e2ee-two-pages-alice.png");
        await bob.SnapshotAsync("e2ee-two-pages-bob.png");

        var diagnostics = CallPage.Describe(alice.Name, atAlice) + "\n" + CallPage.Describe(bob.Name, atBob);
        foreach (var seen in new[] { atAlice, atBob })
        {
            var stats = seen["stats"]!;
            Assert.True((long)stats["inboundAudio"]!["bytes"]! > 0, diagnostics);
            Assert.True((long)stats["inboundVideo"]!["bytes"]! > 0, diagnostics);
            Assert.True((long)stats["inboundVideo"]!["framesDecoded"]! > 0, diagnostics);
            Assert.Null((string?)seen["snapshot"]!["noVideo"]);
            Assert.StartsWith("relay ", (string?)stats["localCandidate"], StringComparison.Ordinal);
            Assert.Equal("End-to-end encrypted", (string?)seen["snapshot"]!["indicator"]);
        }

        // The SDP went through the hub unchanged: each side's remote fingerprint is the other's local one.
        var aliceFingerprints = atAlice["stats"]!["fingerprints"]!;
        var bobFingerprints = atBob["stats"]!["fingerprints"]!;
        Assert.Equal((string?)aliceFingerprints["local"], (string?)bobFingerprints["remote"]);
        Assert.Equal((string?)bobFingerprints["local"], (string?)aliceFingerprints["remote"]);
        // The certificate the DTLS handshake used is the one the SDP announced.
        Assert.Equal((string?)aliceFingerprints["local"], (string?)aliceFingerprints["handshakeLocal"]);
        Assert.Equal((string?)bobFingerprints["local"], (string?)bobFingerprints["handshakeLocal"]);
        var expected = SecurityCode.Compute(Bytes(aliceFingerprints["local"]), Bytes(aliceFingerprints["remote"]));
        Assert.Equal(expected, (string?)atAlice["snapshot"]!["code"]);
        Assert.Equal(expected, (string?)atBob["snapshot"]!["code"]);

        // Tokens travelled in an address only on the hub's WebSocket; the code only in the one redirect back.
        var hub = new Uri(fixture.Server.Addresses[0], "/hubs/calls").Authority;
        var tokenUrls = atAlice["tokenUrls"]!.AsArray().Select(u => (string)u!).ToList();
        Assert.Contains(tokenUrls, u => u.StartsWith($"wss://{hub}/hubs/calls?", StringComparison.Ordinal) && u.Contains("access_token=", StringComparison.Ordinal));
        Assert.All(tokenUrls.Where(u => u.Contains("access_token=", StringComparison.Ordinal)), u => Assert.StartsWith($"wss://{hub}/hubs/calls?", u, StringComparison.Ordinal));
        Assert.Single(tokenUrls, u => u.Contains("code=", StringComparison.Ordinal) && !u.Contains("code_challenge", StringComparison.Ordinal));

        await alice.HangUpAsync();
        var ended = await bob.WaitForAsync("ended");
        Assert.Contains("HungUp", (string?)ended["snapshot"]!["status"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task E2eeCall_ScreenSharing_ReplacesTheCameraOnTheVideoSender_ThePeerKeepsDecoding()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("share-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("share-bob", bobUpn);
        await alice.PlaceAsync(bobUpn);
        await bob.WaitForAsync("incoming");
        await bob.AnswerAsync();
        await alice.WaitForAsync("code");
        var before = await bob.WaitForAsync("media");
        var camera = (string?)(await alice.SnapshotAsync())["stats"]!["sendingVideo"];

        await alice.ShareScreenAsync();
        var sharing = await alice.WaitForAsync("sharing");
        var framesBefore = (long)before["stats"]!["inboundVideo"]!["framesDecoded"]!;
        var cameraSize = (string?)before["stats"]!["inboundVideo"]!["frameSize"];

        // The screen (a different frame size) arrives on the same, still end-to-end encrypted, video stream.
        var after = await bob.SnapshotAsync();
        var started = TimeProvider.System.GetTimestamp();
        while (!ShowsTheScreen(after) && TimeProvider.System.GetElapsedTime(started) < CallPage.WaitLimit)
        {
            await Task.Delay(200);
            after = await bob.SnapshotAsync();
        }

        await alice.SnapshotAsync("e2ee-screen-share-alice.png");
        await bob.SnapshotAsync("e2ee-screen-share-bob.png");
        Assert.NotEqual(camera, (string?)sharing["stats"]!["sendingVideo"]);
        Assert.True(ShowsTheScreen(after), $"camera {cameraSize}, {framesBefore} frames before sharing\n{CallPage.Describe(bob.Name, after)}");
        Assert.Equal("End-to-end encrypted", (string?)after["snapshot"]!["indicator"]);
        Assert.Equal((string?)before["snapshot"]!["code"], (string?)after["snapshot"]!["code"]);

        bool ShowsTheScreen(JsonObject seen) =>
            (long)seen["stats"]!["inboundVideo"]!["framesDecoded"]! > framesBefore
            && (string?)seen["stats"]!["inboundVideo"]!["frameSize"] is { } size && size != cameraSize;

        await alice.HangUpAsync();
        await bob.WaitForAsync("ended");
    }

    [Fact]
    public async Task PageAndDotNetClient_E2eeCall_ToneReachesDotNet_PageHearsAudio_SameSecurityCode()
    {
        const double DotNetTone = 440;
        var callerUpn = await fixture.CreateUserAsync("dotnet");
        var pageUpn = await fixture.CreateUserAsync("page");
        await using var page = await fixture.OpenSignedInAsync("dotnet-peer", pageUpn);
        using var session = await fixture.SignInAsync(callerUpn);
        await using var device = await ConnectDotNetAsync(session, DotNetTone);

        var call = await device.PlaceAsync(pageUpn, CancellationToken.None);
        await page.WaitForAsync("incoming");
        await page.AnswerAsync();
        var seen = await page.WaitForAsync("code");
        await call.MediaReady.WaitAsync(CallPage.WaitLimit);
        seen = await page.WaitForAsync("audio");
        await page.SnapshotAsync("e2ee-page-and-dotnet.png");
        var diagnostics = CallPage.Describe(page.Name, seen);

        Assert.True(call.E2ee.EndToEnd, diagnostics);
        Assert.Equal("End-to-end encrypted", (string?)seen["snapshot"]!["indicator"]);
        Assert.Equal(call.SecurityCode, (string?)seen["snapshot"]!["code"]);
        Assert.StartsWith("relay ", (string?)seen["stats"]!["localCandidate"], StringComparison.Ordinal);
        Assert.True(await EventuallyAsync(() => call.ToneDetected(BrowserCallFixture.BrowserTone)), $"the page's tone did not reach the .NET side\n{diagnostics}");
        Assert.False(call.ToneDetected(DotNetTone + 1000));

        await call.HangUpAsync(CancellationToken.None);
        await page.WaitForAsync("ended");
    }

    [Fact]
    public async Task PageCallsDotNetClient_WithCameraOn_TheAnswerMirrorsTheVideoSection_E2eeAudioFlows()
    {
        // The page offers audio and video; the .NET client takes the audio and rejects the video in its
        // place, which Chromium requires of an answer (RFC 9429 §5.3.1).
        const double DotNetTone = 440;
        var pageUpn = await fixture.CreateUserAsync("caller-page");
        var calleeUpn = await fixture.CreateUserAsync("dotnet-callee");
        await using var page = await fixture.OpenSignedInAsync("calls-dotnet", pageUpn);
        using var session = await fixture.SignInAsync(calleeUpn);
        await using var device = await ConnectDotNetAsync(session, DotNetTone);

        await page.PlaceAsync(calleeUpn);
        using var ring = new CancellationTokenSource(CallPage.WaitLimit);
        var incoming = await device.WaitForIncomingAsync(ring.Token);
        var call = await device.AnswerAsync(incoming, ring.Token);
        var seen = await page.WaitForAsync("code");
        await call.MediaReady.WaitAsync(CallPage.WaitLimit);
        seen = await page.WaitForAsync("audio");
        var diagnostics = CallPage.Describe(page.Name, seen);

        Assert.True(call.E2ee.EndToEnd, diagnostics);
        Assert.Equal("End-to-end encrypted", (string?)seen["snapshot"]!["indicator"]);
        Assert.Equal(call.SecurityCode, (string?)seen["snapshot"]!["code"]);
        Assert.True(await EventuallyAsync(() => call.ToneDetected(BrowserCallFixture.BrowserTone)), $"the page's tone did not reach the .NET side\n{diagnostics}");
        // The .NET client sends no video: the page says so over the remote tile instead of leaving it black.
        Assert.Contains($"No video from {calleeUpn}", await page.TextAsync("#no-video", "No video from"), StringComparison.Ordinal);

        await call.HangUpAsync(CancellationToken.None);
        await page.WaitForAsync("ended");
    }

    [Fact]
    public async Task PolicyTurnsE2eeOff_PageShowsStandardWithTheReason_AndNoCode()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("policy-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("policy-bob", bobUpn);
        Assert.True((bool?)(await alice.SnapshotAsync())["snapshot"]!["setting"]!["on"]);

        // An administrator's grant reaches the open page through its policy events.
        var policies = fixture.Server.App.Services.GetRequiredService<PolicyService>();
        var aliceId = Guid.Parse((string)(await alice.SnapshotAsync())["snapshot"]!["device"]!["userId"]!);
        var granted = await policies.ChangeAsync(d => d.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, aliceId, "WebDisabled"), CancellationToken.None);
        Assert.True(granted.IsSuccess);
        var locked = await alice.WaitForAsync("settingLocked");
        Assert.False((bool?)locked["snapshot"]!["setting"]!["on"]);

        await alice.PlaceAsync(bobUpn);
        await bob.WaitForAsync("incoming");
        await bob.AnswerAsync();
        var atAlice = await alice.WaitForAsync("standard");
        var atBob = await bob.WaitForAsync("standard");
        await alice.SnapshotAsync("standard-policy-alice.png");
        await bob.SnapshotAsync("standard-policy-bob.png");

        foreach (var seen in new[] { atAlice, atBob })
        {
            var snapshot = seen["snapshot"]!;
            Assert.Equal("Encrypted (standard)", (string?)snapshot["indicator"]);
            Assert.Contains(aliceUpn, (string?)snapshot["reason"], StringComparison.Ordinal);
            var reason = Assert.Single(snapshot["call"]!["e2ee"]!["reasons"]!.AsArray());
            Assert.Equal("PolicyDisabled", (string?)reason!["code"]);
            Assert.Equal("Caller", (string?)reason["side"]);
            Assert.Null((string?)snapshot["code"]);
        }

        await bob.HangUpAsync();
        await alice.WaitForAsync("ended");
    }

    [Fact]
    public async Task UserTurnsTheSettingOffOnThePage_NextCallIsStandardWithUserSettingOff()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("setting-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("setting-bob", bobUpn);

        var off = await alice.SetE2eeAsync(false);
        Assert.Equal("Off", (string?)off["snapshot"]!["setting"]!["setting"]);
        await bob.PlaceAsync(aliceUpn);
        await alice.WaitForAsync("incoming");
        await alice.AnswerAsync();
        var atBob = await bob.WaitForAsync("standard");
        var atAlice = await alice.WaitForAsync("standard");

        foreach (var seen in new[] { atAlice, atBob })
        {
            var reason = Assert.Single(seen["snapshot"]!["call"]!["e2ee"]!["reasons"]!.AsArray());
            Assert.Equal("UserSettingOff", (string?)reason!["code"]);
            Assert.Equal("Callee", (string?)reason["side"]);
            Assert.Null((string?)seen["snapshot"]!["code"]);
        }

        await alice.HangUpAsync();
        await bob.WaitForAsync("ended");
    }

    [Fact]
    public async Task ServerClosesThePagesConnection_ItsCallEndsAsConnectionLost_AndThePeerPageHearsTheHangUp()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("lost-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("lost-bob", bobUpn);
        await alice.PlaceAsync(bobUpn);
        await bob.WaitForAsync("incoming");
        await bob.AnswerAsync();
        await alice.WaitForAsync("connected");

        // Disabling the account closes its hub connections; the page's reconnection is refused (401).
        using (var admin = fixture.CreateClient(await fixture.SignInAdminAsync()))
        using (var disabled = await admin.PatchAsJsonAsync($"/api/admin/users/{bobUpn}", new { enabled = false }))
        {
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        }

        var atBob = await bob.WaitForAsync("ended");
        Assert.Contains("ConnectionLost", (string?)atBob["snapshot"]!["status"], StringComparison.Ordinal);
        var atAlice = await alice.WaitForAsync("ended");
        Assert.Contains("HungUp", (string?)atAlice["snapshot"]!["status"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decline_EndsTheCallerPagesCall_WithDeclined()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("decline-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("decline-bob", bobUpn);

        await alice.PlaceAsync(bobUpn);
        await bob.WaitForAsync("incoming");
        await bob.DeclineAsync();
        var ended = await alice.WaitForAsync("ended");

        Assert.Contains("Declined", (string?)ended["snapshot"]!["status"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_RevokesTheTokens_AndForgetsThem()
    {
        var upn = await fixture.CreateUserAsync("carol");
        await using var page = await fixture.OpenSignedInAsync("signout-carol", upn);

        var signedOut = await page.SignOutAsync();

        Assert.Equal(200, (int)signedOut["revokeStatus"]!);
        Assert.Empty(signedOut["storedTokens"]!.AsArray());
        Assert.False((bool)signedOut["snapshot"]!["signedIn"]!);
    }

    private static byte[] Bytes(JsonNode? fingerprint) => Convert.FromHexString(((string?)fingerprint ?? "").Replace(":", "", StringComparison.Ordinal));

    /// <summary>The .NET client as a call device on loopback, sending <paramref name="tone"/>.</summary>
    private static Task<CallClient> ConnectDotNetAsync(Conclave.Client.Auth.ConclaveSession session, double tone) =>
        CallClient.ConnectAsync(session, new CallClientOptions
        {
            DeviceName = "dotnet",
            AddressFilter = address => address.Equals(IPAddress.Loopback),
            ToneFrequency = tone,
            RtcpInterval = TimeSpan.FromMilliseconds(200),
        }, CancellationToken.None);

    private static async Task<bool> EventuallyAsync(Func<bool> condition)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await timer.WaitForNextTickAsync();
        }

        return condition();
    }
}
