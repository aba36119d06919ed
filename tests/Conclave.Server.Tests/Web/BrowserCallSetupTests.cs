using System.Globalization;
using System.Text.Json;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// Call set-up between two Chromium pages through the same server (E2EE, media on the relay): from the
/// callee's click on Answer to the first decoded audio on both pages, for several calls in a row. Two
/// calls by default; <c>bench/scripts/55-browser-calls.sh</c> runs 20 (<c>CONCLAVE_BROWSER_CALLS</c>) and
/// reads the times from the file named by <c>CONCLAVE_BROWSER_CALLS_RESULTS</c>.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed class BrowserCallSetupTests(BrowserCallFixture fixture)
{
    private const int DefaultCalls = 2;
    private const int MaxCalls = 200;

    [Fact]
    public async Task RepeatedE2eeCalls_SetUpFromAcceptToFirstDecodedAudio_CompletesOnBothPages()
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("CONCLAVE_BROWSER_CALLS"), CultureInfo.InvariantCulture, out var n) ? Math.Clamp(n, 1, MaxCalls) : DefaultCalls;
        var aliceUpn = await fixture.CreateUserAsync("alice");
        var bobUpn = await fixture.CreateUserAsync("bob");
        await using var alice = await fixture.OpenSignedInAsync("setup-alice", aliceUpn);
        await using var bob = await fixture.OpenSignedInAsync("setup-bob", bobUpn);
        var setUp = new List<double>();
        var connected = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            await alice.PlaceAsync(bobUpn);
            await bob.WaitForAsync("incoming");
            await bob.AnswerAsync();
            var atAlice = await alice.WaitForAsync("firstAudio");
            var atBob = await bob.WaitForAsync("firstAudio");
            var accepted = (double)atBob["snapshot"]!["call"]!["acceptedAt"]!;
            var firstAudio = Math.Max((double)atAlice["stats"]!["firstAudioAt"]!, (double)atBob["stats"]!["firstAudioAt"]!);
            Assert.True(firstAudio > accepted, CallPage.Describe(alice.Name, atAlice) + "\n" + CallPage.Describe(bob.Name, atBob));
            Assert.Equal("End-to-end encrypted", (string?)atAlice["snapshot"]!["indicator"]);
            setUp.Add(firstAudio - accepted);
            connected.Add(Math.Max((double)atAlice["stats"]!["connectedAt"]!, (double)atBob["stats"]!["connectedAt"]!) - accepted);

            await alice.HangUpAsync();
            await alice.WaitForAsync("ended");
            await bob.WaitForAsync("ended");
        }

        Assert.Equal(calls, setUp.Count);
        if (Environment.GetEnvironmentVariable("CONCLAVE_BROWSER_CALLS_RESULTS") is { Length: > 0 } file)
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new
            {
                chromium = fixture.Browser.BrowserVersion,
                calls,
                setUpMilliseconds = setUp,
                connectedMilliseconds = connected,
            }));
        }
    }
}
