using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Conclave.Protocols.Net;
using Conclave.Protocols.Turn;
using Conclave.Server.Media;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The admin center's dashboards in Chromium against the real server: a TURN allocation made on the
/// fixture's relay while the page is open shows in its tiles and its allocation chart at the next poll;
/// a member gets the server's refusal, not the numbers.
/// </summary>
[Trait("Category", "Browser")]
[Collection(BrowserCallCollection.Name)]
public sealed partial class AdminDashboardsBrowserTests(BrowserCallFixture fixture)
{
    // The invariant culture groups thousands with a comma, as the page does (en-US).
    private static readonly CultureInfo Counts = CultureInfo.InvariantCulture;

    [Fact]
    public async Task Dashboards_ShowAnAllocationMadeOnTheRelay_AndHaveNoSeriousAccessibilityViolation()
    {
        var memberUpn = await fixture.CreateUserAsync("dash-turn");
        await using var page = await fixture.OpenAsAdministratorAsync("admin-dashboards");
        await page.GoToAsync(new Uri(fixture.BaseAddress, "/admin/dashboards"));
        var before = Count(await page.TextAsync("#relay-allocations-created"));
        // The media processor's panel answers too (no standard call here, so its counts may be zero).
        Assert.Matches(@"^\d[\d,]*$", (await page.TextAsync("#media-legs-open")).Trim());

        // A member's allocation with the TURN credentials the API gives them, on the relay the page watches.
        using (var member = fixture.CreateClient(await fixture.SignInAsync(memberUpn, BrowserCallFixture.Password)))
        {
            var credentials = await member.GetFromJsonAsync<JsonElement>(RelayEndpoints.CredentialsPath);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await using var turn = new TurnClient(await UdpNetwork.Instance.BindAsync(new IPEndPoint(IPAddress.Loopback, 0), timeout.Token),
                new IPEndPoint(IPAddress.Loopback, fixture.RelayPort), credentials.GetProperty("username").GetString()!, credentials.GetProperty("password").GetString()!);
            await turn.AllocateAsync(timeout.Token);

            // The page polls every 5 s: the tile waits (bounded) for the next reading to count the allocation.
            var after = Count(await page.TextAsync("#relay-allocations-created", (before + 1).ToString("N0", Counts)));
            Assert.True(after >= before + 1, $"allocations made: {before} before, {after} after");
            Assert.True(Count(await page.TextAsync("#relay-allocations-active")) >= 1, "the allocation is open while its client is");

            // The chart's table for screen readers has the rate of that reading: more than zero allocations a second.
            var samples = await page.TextAsync("#relay-chart-allocations table", "allocations/s");
            Assert.Matches(NonZeroRate(), samples);
        }

        var problems = new List<string>();
        await WebAppScreenTests.AuditAsync(page, "admin-dashboards", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Dashboards_ForAMember_ShowTheServersRefusal_AndTheApiAnswers403()
    {
        var memberUpn = await fixture.CreateUserAsync("dash-member");
        await using (var page = await fixture.OpenSignedInAsync("dash-member", memberUpn))
        {
            await page.GoToAsync(new Uri(fixture.BaseAddress, "/admin/dashboards"));
            Assert.Contains("(auth.forbidden)", await page.TextAsync("#relay-dashboard [role=alert]", "auth.forbidden"), StringComparison.Ordinal);
            Assert.Contains("(auth.forbidden)", await page.TextAsync("#media-dashboard [role=alert]", "auth.forbidden"), StringComparison.Ordinal);
            var shown = await page.TextAsync("main");
            Assert.DoesNotContain("Allocations open now", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("Legs open now", shown, StringComparison.Ordinal);
        }

        using var api = fixture.CreateClient(await fixture.SignInAsync(memberUpn, BrowserCallFixture.Password));
        using var relay = await api.GetAsync(RelayEndpoints.MetricsPath);
        Assert.Equal(HttpStatusCode.Forbidden, relay.StatusCode);
        using var media = await api.GetAsync(MediaProcessorServiceCollectionExtensions.MetricsPath);
        Assert.Equal(HttpStatusCode.Forbidden, media.StatusCode);
    }

    /// <summary>A tile's count as the page writes it (thousands grouped, en-US).</summary>
    private static long Count(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands, Counts);

    /// <summary>A rate other than zero in the samples table: "0.2 allocations/s", not "0 allocations/s".</summary>
    [GeneratedRegex(@"(?<![\d.])(?:[1-9][\d.]*|0\.\d*[1-9]\d*) (?:\w )?allocations/s")]
    private static partial Regex NonZeroRate();
}
