using Conclave.Client.Auth;
using Conclave.Contracts.Errors;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Client.Tests.Auth;

public sealed class OAuthClientTests
{
    [Fact]
    public async Task PasswordGrant_SendsTheSecondFactor_AndSurfacesTheConclaveCode()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ =>
            (400, """{"error":"invalid_grant","error_description":"A TOTP code is needed.","conclave_code":"auth.mfa_required"}"""));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        var oauth = new OAuthClient(connection, new FakeTimeProvider());

        var refusal = await Assert.ThrowsAsync<OAuthException>(() =>
            oauth.PasswordGrantAsync("admin@conclave.local", "p@ss w0rd&=", "123456", null, CancellationToken.None));

        Assert.Equal(ErrorCodes.Auth.MfaRequired, refusal.ConclaveCode);
        Assert.Equal("invalid_grant", refusal.Error);
        Assert.Equal("A TOTP code is needed.", refusal.Description);
        var form = Assert.Single(server.Requests).Form;
        Assert.Equal("password", form["grant_type"]);
        Assert.Equal("p@ss w0rd&=", form["password"]);
        Assert.Equal("123456", form["totp"]);
        Assert.False(form.ContainsKey("recovery_code"));
        Assert.Equal(OAuthClient.Scopes, form["scope"]);
    }

    [Fact]
    public async Task Token_ExpiryComesFromExpiresIn()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ =>
            (200, """{"access_token":"at","token_type":"Bearer","expires_in":120,"refresh_token":"rt"}"""));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));
        var oauth = new OAuthClient(connection, time);

        var tokens = await oauth.PasswordGrantAsync("u@x", "p", null, "rc-1", CancellationToken.None);

        Assert.Equal(time.GetUtcNow().AddSeconds(120), tokens.ExpiresAt);
        Assert.Equal("rc-1", Assert.Single(server.Requests).Form["recovery_code"]);
    }

    [Fact]
    public async Task Revoke_SendsTokenAndHint_Rfc7009()
    {
        using var certificate = TestCertificates.CreateServerCertificate();
        await using var server = new LoopbackHttpsServer(certificate, _ => (200, ""));
        using var connection = new ConclaveConnection(new ServerEndpoint(server.Address, ServerTrust.FirstUse));

        await new OAuthClient(connection, new FakeTimeProvider()).RevokeAsync("rt-9", "refresh_token", CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("/connect/revoke", request.Path);
        Assert.Equal("rt-9", request.Form["token"]);
        Assert.Equal("refresh_token", request.Form["token_type_hint"]);
    }
}
