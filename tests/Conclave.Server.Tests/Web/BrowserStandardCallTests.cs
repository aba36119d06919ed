using Conclave.Domain.Policies.Questions;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// Standard calls from the page (STANDARD-MEDIA-PROTOCOL): each page offers to the server's media
/// processor, which answers each and forwards the media between the two legs.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class BrowserStandardCallTests(BrowserCallFixture fixture)
{
    [Fact]
    public async Task TwoPages_StandardCall_AudioAndVideoBothWaysThroughTheMediaProcessor_NoSecurityCode()
    {
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob", "DisabledUserOverride", E2eeUserSetting.Off);
        await using var alice = await fixture.OpenSignedInAsync("standard-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("standard-bob", bobUpn);

        await alice.PlaceAsync(bobUpn);
        await bob.WaitForAsync("incoming");
        await bob.AnswerAsync();
        await alice.WaitForAsync("standard");
        await bob.WaitForAsync("standard");
        // Each page offered to the media processor, which answered each of them.
        await alice.WaitForAsync("answered");
        await bob.WaitForAsync("answered");

        var atAlice = await alice.WaitForAsync("media");
        var atBob = await bob.WaitForAsync("media");
        await alice.SnapshotAsync("standard-two-pages-alice.png");
        await bob.SnapshotAsync("standard-two-pages-bob.png");
        var diagnostics = CallPage.Describe(alice.Name, atAlice) + "\n" + CallPage.Describe(bob.Name, atBob);
        foreach (var seen in new[] { atAlice, atBob })
        {
            var stats = seen["stats"]!;
            Assert.True((long)stats["inboundAudio"]!["bytes"]! > 0, diagnostics);
            Assert.Equal("audio/PCMU", (string?)stats["inboundAudio"]!["codec"]);
            Assert.True((long)stats["inboundVideo"]!["framesDecoded"]! > 0, diagnostics);
            Assert.Equal("Encrypted (standard)", (string?)seen["snapshot"]!["indicator"]);
            Assert.Null((string?)seen["snapshot"]!["code"]);
            // Each page's DTLS peer is the processor's leg, not the other page.
            Assert.NotEqual((string?)atAlice["stats"]!["fingerprints"]!["local"], (string?)atBob["stats"]!["fingerprints"]!["remote"]);
        }

        await alice.HangUpAsync();
        await bob.WaitForAsync("ended");
    }
}
