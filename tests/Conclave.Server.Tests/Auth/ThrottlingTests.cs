using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

/// <summary>A server with low limits: 3 attempts per account, 6 per address, per minute.</summary>
public sealed class LowLimitServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Throttling:PermitsPerAccount"] = "3",
        ["Conclave:Throttling:PermitsPerAddress"] = "6",
        ["Conclave:Throttling:PermitsPerSubnet"] = "6",
    };
}

public sealed class ThrottlingTests(LowLimitServerFixture server) : IClassFixture<LowLimitServerFixture>
{
    [Fact]
    public async Task TokenEndpoint_RepeatedGuessesAtOneAccount_Get429WithRetryAfter()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        using var client = server.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            last?.Dispose();
            last = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "conclave-cli",
                ["username"] = "Victim@" + ServerFixture.Domain,
                ["password"] = "guess-" + i,
            }));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], statuses);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After missing");
        var problem = await last.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("request.throttled", problem.GetProperty("code").GetString());
        last.Dispose();

        // Same account in another case, through the account API: still the same partition.
        using var account = await server.PostJsonAsync("/api/account/mfa/enroll", new { upn = "victim@" + ServerFixture.Domain.ToUpperInvariant(), password = "x" });
        Assert.Equal(HttpStatusCode.TooManyRequests, account.StatusCode);
    }

}

public sealed class AddressThrottlingTests(LowLimitServerFixture server) : IClassFixture<LowLimitServerFixture>
{
    [Fact]
    public async Task OneAddress_ManyAccounts_IsThrottledByAddress()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await server.PostJsonAsync("/api/account/password", new { upn = $"spray{i}@{ServerFixture.Domain}", currentPassword = "x", newPassword = "y-long-enough-pw" });
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(6), s => Assert.Equal(HttpStatusCode.Forbidden, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[6]);
    }
}

public sealed class DeviceAuthorizationThrottlingTests(LowLimitServerFixture server) : IClassFixture<LowLimitServerFixture>
{
    [Fact]
    public async Task OneAddress_RepeatedDeviceAuthorizationRequests_IsThrottled()
    {
        using var client = server.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var response = await client.PostAsync("/connect/device", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = "conclave-cli",
                ["scope"] = "openid api",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 6).Append(HttpStatusCode.TooManyRequests), statuses);
    }
}
