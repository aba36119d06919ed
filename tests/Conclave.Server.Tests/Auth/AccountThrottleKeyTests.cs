using System.Net;
using System.Text;
using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Auth;

/// <summary>A server limiting 3 attempts per account per minute, and addresses practically not at all.</summary>
public sealed class AccountLimitServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Conclave:Throttling:PermitsPerAccount"] = "3",
    };
}

/// <summary>
/// The per-account limit keys on the account the endpoint will actually look up, however the request
/// spells the field that names it.
/// </summary>
public sealed class AccountThrottleKeyTests(AccountLimitServerFixture server) : IClassFixture<AccountLimitServerFixture>
{
    [Fact]
    public async Task AccountApi_CaseVariantPropertyNames_CountAgainstOneAccount()
    {
        var victim = Victim();
        string[] names = ["Upn", "UPN", "uPn", "Upn"];

        var statuses = new List<HttpStatusCode>();
        foreach (var name in names)
        {
            statuses.Add(await PostJsonAsync("/api/account/password", $$"""{"{{name}}":"{{victim}}","currentPassword":"guess","newPassword":"a-long-enough-password"}"""));
        }

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task AccountApi_SpellingsOfOneUpn_CountAgainstOneAccount()
    {
        var victim = Victim();
        string[] spellings = [victim, "  " + victim.ToUpperInvariant() + " ", "\t" + victim, victim.ToUpperInvariant()];

        var statuses = new List<HttpStatusCode>();
        foreach (var spelling in spellings)
        {
            statuses.Add(await PostJsonAsync("/api/account/mfa/enroll", System.Text.Json.JsonSerializer.Serialize(new { UPN = spelling, password = "guess" })));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task AccountApi_DuplicateNames_CountAgainstTheOneTheEndpointUses()
    {
        var victim = Victim();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add(await PostJsonAsync("/api/account/password", $$"""{"upn":"decoy{{i}}@{{ServerFixture.Domain}}","Upn":"{{victim}}","currentPassword":"guess","newPassword":"a-long-enough-password"}"""));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task LoginPage_UsernameFieldBesideUpn_CountsAgainstTheUpn()
    {
        var victim = Victim();
        using var client = server.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["username"] = $"decoy{i}@{ServerFixture.Domain}",
                ["upn"] = victim,
                ["password"] = "guess",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task LoginPage_CaseVariantFieldName_CountsAgainstTheUpn()
    {
        var victim = Victim();
        using var client = server.CreateClient();

        var statuses = new List<HttpStatusCode>();
        foreach (var name in new[] { "UPN", "Upn", "uPN", "UPN" })
        {
            using var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                [name] = victim,
                ["password"] = "guess",
            }));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task TokenEndpoint_UpnFieldBesideUsername_CountsAgainstTheUsername()
    {
        var victim = Victim();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var token = await server.TokenAsync(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "conclave-cli",
                ["upn"] = $"decoy{i}@{ServerFixture.Domain}",
                ["username"] = i % 2 == 0 ? victim : " " + victim.ToUpperInvariant(),
                ["password"] = "guess",
            });
            answers.Add(token.Status);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.TooManyRequests], answers);
    }

    private static string Victim() => ServerFixture.UniqueName("victim") + "@" + ServerFixture.Domain;

    private async Task<HttpStatusCode> PostJsonAsync(string path, string json)
    {
        using var client = server.CreateClient();
        using var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }
}
