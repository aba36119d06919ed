using Conclave.Client.Auth;

namespace Conclave.Cli.Tests.EndToEnd;

[Collection(EndToEndCollection.Name)]
public sealed class SdkSessionEndToEndTests(ConclaveServerFixture server) : IDisposable
{
    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task TwoUsers_SignedInAtOnce_InMemory_EachSeeThemselves()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);
        var upn = $"grace@{ConclaveServerFixture.Domain}";
        var created = await _cli.RunAsync("admin", "New-CsUser", "-UserPrincipalName", upn, "-DisplayName", "Grace", "-Password", "grace-password-123", "--profile", "admin");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        Assert.True(CertificateFingerprint.TryParse(server.DisplayFingerprint, out var pin));
        var endpoint = new ServerEndpoint(server.BaseAddress, ServerTrust.Pinned(pin!));

        using var admin = await ConclaveSession.SignInWithPasswordAsync(
            endpoint, ConclaveServerFixture.AdminUpn, ConclaveServerFixture.AdminPassword, ConclaveServerFixture.Totp(server.AdminTotpSecret!), TimeProvider.System, CancellationToken.None);
        using var grace = await ConclaveSession.SignInWithPasswordAsync(endpoint, upn, "grace-password-123", null, TimeProvider.System, CancellationToken.None);
        var both = await Task.WhenAll(admin.Api.GetMeAsync(CancellationToken.None), grace.Api.GetMeAsync(CancellationToken.None));

        Assert.Equal(ConclaveServerFixture.AdminUpn, both[0].Upn);
        Assert.Equal(upn, both[1].Upn);
        Assert.Contains("GlobalAdministrator", both[0].Roles!);
        Assert.Empty(both[1].Roles!);
    }

    [Fact]
    public async Task OpenProfile_ActsAsTheStoredIdentity()
    {
        Assert.Equal(ExitCodes.Ok, (await server.SignInAdminAsync(_cli)).ExitCode);

        using var session = ConclaveSession.OpenProfile(new ProfileStore(_cli.ConfigDirectory), "admin", TimeProvider.System);
        var me = await session.Api.GetMeAsync(CancellationToken.None);

        Assert.Equal(ConclaveServerFixture.AdminUpn, me.Upn);
        Assert.Throws<ProfileNotSignedInException>(() => ConclaveSession.OpenProfile(new ProfileStore(_cli.ConfigDirectory), "nobody", TimeProvider.System));
    }
}
