using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Client.Tests.Auth;
using Conclave.Contracts.Api;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Client.Tests.Api;

public sealed class ConclaveApiClientTests
{
    private static TokenSession Session(ConclaveConnection connection, FakeTimeProvider time) =>
        new(new OAuthClient(connection, time), new TokenSet("at-old", "rt-old", time.GetUtcNow().AddHours(1)), (_, _) => Task.CompletedTask, time);

    [Fact]
    public async Task Unauthorized_RefreshesOnce_AndReplaysWithTheNewToken()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, request => request.Path switch
        {
            "/connect/token" => (200, """{"access_token":"at-new","expires_in":3600,"refresh_token":"rt-new"}"""),
            "/api/me" when request.Headers["Authorization"] == "Bearer at-new" =>
                (200, """{"id":"1","upn":"a@x","displayName":"A","kind":"Member","roles":["GlobalAdministrator"],"mfaEnabled":true,"tenant":"t1"}"""),
            _ => (401, ""),
        });
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        var time = new FakeTimeProvider();
        using var session = Session(connection, time);

        var me = await new ConclaveApiClient(connection, session).GetMeAsync(CancellationToken.None);

        Assert.Equal("a@x", me.Upn);
        Assert.Equal(["GlobalAdministrator"], me.Roles);
        Assert.Equal("t1", me.Extra!["tenant"].GetString());
        Assert.Equal(["/api/me", "/connect/token", "/api/me"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ProblemDetails_BecomeCodeAndDetail()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ =>
            (403, """{"type":"about:blank","title":"Forbidden","status":403,"detail":"Global administrators only.","code":"auth.forbidden"}"""));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        using var session = Session(connection, new FakeTimeProvider());

        var refusal = await Assert.ThrowsAsync<ApiProblemException>(() =>
            new ConclaveApiClient(connection, session).GrantRoleAsync("bob@x", AdminRoleNames.GlobalAdministrator, CancellationToken.None));

        Assert.Equal(403, refusal.StatusCode);
        Assert.Equal("auth.forbidden", refusal.Code);
        Assert.Equal("Global administrators only.", refusal.Detail);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/admin/roles", request.Path);
        Assert.Equal("""{"user":"bob@x","role":"GlobalAdministrator"}""", request.Body);
    }

    [Fact]
    public async Task AuditQuery_IsSentAsQueryParameters()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, """[{"action":"signin.succeeded","actor":"a@x"}]"""));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        using var session = Session(connection, new FakeTimeProvider());
        var from = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

        var records = await new ConclaveApiClient(connection, session)
            .SearchAuditAsync(new AuditQuery(from, null, "a@x", "signin.succeeded", 5), CancellationToken.None);

        Assert.Equal("signin.succeeded", Assert.Single(records).Action);
        Assert.Equal("/api/admin/audit?from=2027-01-15T08%3A00%3A00.0000000%2B00%3A00&actor=a%40x&action=signin.succeeded&take=5", Assert.Single(server.Requests).Path);
    }
}
