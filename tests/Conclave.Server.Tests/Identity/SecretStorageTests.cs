using Conclave.Server.Storage;
using Conclave.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Identity;

/// <summary>Authenticator keys and recovery codes are never stored in clear, and still work.</summary>
public sealed class SecretStorageTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task Enrolment_StoresNeitherTheKeyNorAnyRecoveryCodeInClear()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("vault"), Password);
        var (secret, recovery) = await server.EnrollMfaAsync(upn, Password);

        var stored = await StoredTokenValuesAsync(upn);

        Assert.NotEmpty(stored);
        foreach (var value in stored)
        {
            Assert.DoesNotContain(secret, value, StringComparison.OrdinalIgnoreCase);
            Assert.All(recovery, code => Assert.DoesNotContain(code, value, StringComparison.OrdinalIgnoreCase));
            Assert.All(recovery, code => Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), value, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task ProtectedSecrets_StillSignIn_AndARecoveryCodeWorksOnce()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("vault"), Password);
        var (secret, recovery) = await server.EnrollMfaAsync(upn, Password);

        Assert.True((await server.PasswordGrantAsync(upn, Password, TotpCodes.Next(secret))).Succeeded);
        Assert.True((await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[3])).Succeeded);
        Assert.Equal("auth.mfa_invalid", (await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[3])).ConclaveCode);
        Assert.Equal("auth.mfa_invalid", (await server.PasswordGrantAsync(upn, Password, recoveryCode: "NOT-A-CODE")).ConclaveCode);
        Assert.True((await server.PasswordGrantAsync(upn, Password, recoveryCode: recovery[9])).Succeeded);
    }

    [Fact]
    public async Task RecoveryCodes_HaveAtLeast80BitsOfEntropy()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("vault"), Password);
        var (_, recovery) = await server.EnrollMfaAsync(upn, Password);

        Assert.All(recovery, code =>
        {
            var symbols = code.Replace("-", "", StringComparison.Ordinal);
            var alphabet = Math.Log2(26);
            Assert.True(symbols.Length * alphabet >= 80, $"{code}: {symbols.Length * alphabet:F0} bits");
        });
    }

    [Fact]
    public async Task ClearSecretsOfAnOlderVersion_AreProtectedAtStart_AndStillWork()
    {
        const string LegacyCode = "BCDFG-HJKMN";
        var fixture = new RestartableFixture();
        await fixture.InitializeAsync();
        try
        {
            var upn = await fixture.CreateUserAsync(ServerFixture.UniqueName("legacy"), Password);
            var (secret, _) = await fixture.EnrollMfaAsync(upn, Password);
            await fixture.StopAsync();
            await using (var db = fixture.OpenDatabase())
            {
                var id = await db.Users.Where(u => u.UserName == upn).Select(u => u.Id).SingleAsync();
                var tokens = await db.UserTokens.Where(t => t.UserId == id).ToListAsync();
                tokens.Single(t => t.Name == "AuthenticatorKey").Value = secret;
                tokens.Single(t => t.Name == "RecoveryCodes").Value = LegacyCode + ";CDFGH-JKMNP";
                await db.SaveChangesAsync();
            }

            await fixture.StartAgainAsync();

            await using (var db = fixture.OpenDatabase())
            {
                var id = await db.Users.Where(u => u.UserName == upn).Select(u => u.Id).SingleAsync();
                var stored = await db.UserTokens.Where(t => t.UserId == id).Select(t => t.Value ?? "").ToListAsync();
                Assert.All(stored, v => Assert.DoesNotContain(secret, v, StringComparison.OrdinalIgnoreCase));
                Assert.All(stored, v => Assert.DoesNotContain(LegacyCode, v, StringComparison.Ordinal));
            }

            Assert.True((await fixture.PasswordGrantAsync(upn, Password, TotpCodes.Next(secret))).Succeeded);
            Assert.True((await fixture.PasswordGrantAsync(upn, Password, recoveryCode: LegacyCode)).Succeeded);
            Assert.Equal("auth.mfa_invalid", (await fixture.PasswordGrantAsync(upn, Password, recoveryCode: LegacyCode)).ConclaveCode);
        }
        finally
        {
            await fixture.DisposeAsync();
        }
    }

    private async Task<List<string>> StoredTokenValuesAsync(string upn)
    {
        await using var scope = server.Server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var id = await db.Users.Where(u => u.UserName == upn).Select(u => u.Id).SingleAsync();
        return await db.UserTokens.Where(t => t.UserId == id).Select(t => t.Value ?? "").ToListAsync();
    }

    /// <summary>A server that can be stopped, its SQLite database edited as an older version left it, and started again.</summary>
    private sealed class RestartableFixture : ServerFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Conclave:Tokens:Issuer"] = "https://conclave.test/" };

        public Task StopAsync() => Server.DisposeAsync().AsTask();

        public Task StartAgainAsync() => StartAsync();

        public ConclaveDbContext OpenDatabase() => new SqliteConclaveDbContext(new DbContextOptionsBuilder<SqliteConclaveDbContext>()
            .UseSqlite($"Data Source={Path.Combine(DataPath, "data", "conclave.db")};Pooling=False")
            .UseOpenIddict()
            .Options);
    }
}
