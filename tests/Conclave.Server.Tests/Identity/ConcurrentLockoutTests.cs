using Conclave.Server.Storage;
using Conclave.Server.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Identity;

/// <summary>
/// Failed attempts made at the same moment are each counted: none is lost to another request's write,
/// on either path that counts them (password, second factor) and on every provider.
/// </summary>
public abstract class ConcurrentLockoutTests(ServerFixture server)
{
    private const string Password = "member-password-123";

    // Conclave:Accounts defaults: 5 failures lock the account.
    private const int MaxFailedAttempts = 5;

    [Fact]
    public async Task ConcurrentWrongPasswords_LockTheAccount()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("burst"), Password);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => server.PasswordGrantAsync(upn, "wrong-password-" + i)));

        Assert.All(answers, a => Assert.False(a.Succeeded));
        Assert.True(await LockedOutAsync(upn), "ten concurrent wrong passwords left the account unlocked");
        Assert.False((await server.PasswordGrantAsync(upn, Password)).Succeeded);
    }

    [Fact]
    public async Task ConcurrentWrongPasswords_BelowTheLimit_AreEachCounted()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("count"), Password);

        await Task.WhenAll(Enumerable.Range(0, MaxFailedAttempts - 1).Select(i => server.PasswordGrantAsync(upn, "wrong-password-" + i)));

        Assert.Equal(MaxFailedAttempts - 1, await FailedCountAsync(upn));
        Assert.False(await LockedOutAsync(upn));
    }

    [Fact]
    public async Task ConcurrentWrongSecondFactors_LockTheAccount()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("burst2"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        var wrong = TotpCodes.Wrong(secret);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => server.PasswordGrantAsync(upn, Password, wrong)));

        Assert.All(answers, a => Assert.False(a.Succeeded));
        Assert.True(await LockedOutAsync(upn), "ten concurrent wrong codes left the account unlocked");
        Assert.False((await server.PasswordGrantAsync(upn, Password, TotpCodes.Next(secret))).Succeeded);
    }

    [Fact]
    public async Task ConcurrentWrongSecondFactors_BelowTheLimit_AreEachCounted()
    {
        var upn = await server.CreateUserAsync(ServerFixture.UniqueName("count2"), Password);
        var (secret, _) = await server.EnrollMfaAsync(upn, Password);
        var wrong = TotpCodes.Wrong(secret);

        await Task.WhenAll(Enumerable.Range(0, MaxFailedAttempts - 1).Select(_ => server.PasswordGrantAsync(upn, Password, wrong)));

        Assert.Equal(MaxFailedAttempts - 1, await FailedCountAsync(upn));
        Assert.False(await LockedOutAsync(upn));
    }

    private async Task<int> FailedCountAsync(string upn) => (await ReadAsync(upn)).AccessFailedCount;

    private async Task<bool> LockedOutAsync(string upn) => (await ReadAsync(upn)).LockoutEnd > TimeProvider.System.GetUtcNow();

    private async Task<Conclave.Server.Directory.ConclaveUser> ReadAsync(string upn)
    {
        await using var scope = server.Server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        return await db.Users.AsNoTracking().SingleAsync(u => u.UserName == upn);
    }
}

public sealed class SqliteConcurrentLockoutTests(ServerFixture server) : ConcurrentLockoutTests(server), IClassFixture<ServerFixture>;

public sealed class PostgresConcurrentLockoutTests(Policies.PostgresServerFixture server) : ConcurrentLockoutTests(server), IClassFixture<Policies.PostgresServerFixture>;
