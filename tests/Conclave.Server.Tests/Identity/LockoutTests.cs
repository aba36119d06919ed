using Conclave.Server.Tests.Fixtures;

namespace Conclave.Server.Tests.Identity;

/// <summary>A server whose clock the test moves: lockout expiry without waiting.</summary>
public sealed class FakeClockServerFixture : ServerFixture
{
    protected override TestHostOptions Options => new() { FakeTime = true };
}

public sealed class LockoutTests(FakeClockServerFixture server) : IClassFixture<FakeClockServerFixture>
{
    // Conclave:Accounts defaults: 5 failures lock the account for 15 minutes.
    private static readonly TimeSpan Lockout = TimeSpan.FromMinutes(15);

    [Fact]
    public async Task Lockout_EndsAfterItsDuration_OnTheServerClock()
    {
        // The bootstrap administrator: a right password answers "change it first", so no second factor is involved.
        // A locked account answers as a wrong password does (LockedAccountAnswerTests), right password included.
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("auth.invalid_credentials", (await server.PasswordGrantAsync(ServerFixture.AdminUpn, "wrong-password-" + i)).ConclaveCode);
        }

        Assert.Equal("auth.invalid_credentials", (await server.PasswordGrantAsync(ServerFixture.AdminUpn, server.BootstrapPassword)).ConclaveCode);

        server.Clock.Advance(Lockout - TimeSpan.FromSeconds(1));
        Assert.Equal("auth.invalid_credentials", (await server.PasswordGrantAsync(ServerFixture.AdminUpn, server.BootstrapPassword)).ConclaveCode);

        server.Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("auth.password_change_required", (await server.PasswordGrantAsync(ServerFixture.AdminUpn, server.BootstrapPassword)).ConclaveCode);
    }
}
