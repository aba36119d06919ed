using System.Net;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

public sealed class RestartTests
{
    /// <summary>A fixture whose server can be stopped and started again on the same data folder.</summary>
    private sealed class RestartableFixture : ServerFixture
    {
        // The port changes across the restart; a fixed issuer keeps tokens valid, as a fixed port does in production.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Conclave:Tokens:Issuer"] = "https://conclave.test/" };

        public async Task RestartAsync()
        {
            await Server.DisposeAsync();
            await StartAsync();
        }
    }

    [Fact]
    public async Task TokensAndTheCertificate_SurviveARestart()
    {
        var fixture = new RestartableFixture();
        await fixture.InitializeAsync();
        try
        {
            var upn = await fixture.CreateUserAsync("persist", "member-password-123");
            var token = await fixture.PasswordGrantAsync(upn, "member-password-123");
            var fingerprint = fixture.Fingerprint;
            await fixture.RestartAsync();
            Assert.Equal(fingerprint, fixture.Fingerprint);
            using var client = fixture.CreateClient(token.AccessToken);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/me")).StatusCode);
            Assert.True((await fixture.RefreshAsync(token.RefreshToken!)).Succeeded);
            Assert.Single(fixture.Output.ToString().Split('\n'), l => l.StartsWith("Bootstrap administrator", StringComparison.Ordinal));
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }
}
