using System.Data.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Directory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Conclave.Server.Tests.Storage;

/// <summary>The storage contract, run as-is against every provider (subclasses below).</summary>
public abstract class StorageTests
{
    protected abstract Task<TestStore> CreateStoreAsync();

    [SkippableFact]
    public async Task Migrations_CreateEveryTable_AndAreIdempotent()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        await store.MigrateAsync();
        await using var db = store.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        // Every migration of the provider is applied, in order, the latest included.
        var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Equal(0, await db.Users.CountAsync());
        Assert.Equal(0, await db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreApplication>().CountAsync());
        Assert.Equal(0, await db.AuditRecords.CountAsync());
        Assert.Equal(0, await db.Groups.CountAsync());
        Assert.Equal(0, await db.Set<Conclave.Server.Policies.PolicyInstanceRow>().CountAsync());
        Assert.Equal(0, await db.CallRecords.CountAsync());
        Assert.Equal(0, await db.Chats.CountAsync());
        Assert.Equal(0, await db.ChatMembers.CountAsync());
        Assert.Equal(0, await db.ChatMessages.CountAsync());
        Assert.Equal(0, await db.ChatReactions.CountAsync());
        Assert.Equal(0, await db.ChatEvents.CountAsync());
        Assert.Equal(0, await db.DlpPolicies.CountAsync());
        Assert.Equal(0, await db.DlpRules.CountAsync());
        Assert.Equal(0, await db.DlpSensitiveTypes.CountAsync());
        Assert.Equal(0, await db.Teams.CountAsync());
        Assert.Equal(0, await db.TeamMembers.CountAsync());
        Assert.Equal(0, await db.Channels.CountAsync());
        Assert.Equal(0, await db.ChannelMembers.CountAsync());
    }

    [SkippableFact]
    public async Task Directory_UsersGroupsMemberships_RoundTrip_AndCascade()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var now = DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = store.CreateContext())
        {
            db.Users.Add(new ConclaveUser { Id = "u1", UserName = "ann@x.test", NormalizedUserName = "ANN@X.TEST", DisplayName = "Ann", Kind = UserKind.Pstn, CreatedAt = now });
            db.Groups.Add(new GroupRecord { Id = "g1", Name = "Sales", MailNickname = "sales", CreatedAt = now });
            db.GroupMemberships.Add(new GroupMembership { GroupId = "g1", UserId = "u1", AddedAt = now });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var user = await db.Users.SingleAsync(u => u.UserName == "ann@x.test");
            Assert.Equal(UserKind.Pstn, user.Kind);
            Assert.Equal(now, user.CreatedAt);
            var group = await db.Groups.Include(g => g.Members).SingleAsync();
            Assert.Equal("u1", Assert.Single(group.Members).UserId);
            db.Groups.Remove(group);
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            Assert.Equal(0, await db.GroupMemberships.CountAsync());
            Assert.Equal(1, await db.Users.CountAsync());
        }
    }

    [SkippableFact]
    public async Task AppRegistrations_MadeBeforeTheEnabledFlag_StayEnabled()
    {
        await using var store = await CreateStoreAsync();
        await using (var db = store.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var before = migrations[migrations.FindIndex(m => m.EndsWith("_AppRegistrationEnabled", StringComparison.Ordinal)) - 1];
            await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(before);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"AppRegistrations\" (\"ClientId\", \"DisplayName\", \"Roles\", \"CreatedAt\") VALUES ('app-old', 'Old', '', {0})",
                db.Database.IsSqlite() ? 0L : DateTimeOffset.UnixEpoch);
        }

        await store.MigrateAsync();
        await using (var db = store.CreateContext())
        {
            var app = await db.AppRegistrations.SingleAsync();
            Assert.Equal("app-old", app.ClientId);
            Assert.True(app.Enabled);
        }
    }

    [SkippableFact]
    public async Task Directory_DuplicateGroupName_IsRefusedByTheStore()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        await using var db = store.CreateContext();
        db.Groups.Add(new GroupRecord { Id = "a", Name = "Same", MailNickname = "same" });
        db.Groups.Add(new GroupRecord { Id = "b", Name = "Same", MailNickname = "same2" });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Audit_IsAppendOnly_UpdateAndDeleteAreRefused()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        await using (var db = store.CreateContext())
        {
            db.AuditRecords.Add(new AuditRecord { Action = "signin", Outcome = AuditOutcome.Success, Time = DateTimeOffset.UnixEpoch.AddDays(1) });
            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            await Assert.ThrowsAnyAsync<DbException>(() => db.AuditRecords.ExecuteUpdateAsync(s => s.SetProperty(r => r.Action, "tampered")));
            await Assert.ThrowsAnyAsync<DbException>(() => db.AuditRecords.ExecuteDeleteAsync());
            var record = await db.AuditRecords.SingleAsync();
            record.Outcome = AuditOutcome.Failure;
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using (var db = store.CreateContext())
        {
            var record = await db.AuditRecords.SingleAsync();
            Assert.Equal("signin", record.Action);
            Assert.Equal(AuditOutcome.Success, record.Outcome);
        }
    }

    [SkippableFact]
    public async Task Audit_TimeRangeQuery_ReturnsOnlyRecordsInside()
    {
        await using var store = await CreateStoreAsync();
        await store.MigrateAsync();
        var start = DateTimeOffset.Parse("2026-03-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = store.CreateContext())
        {
            for (var i = 0; i < 5; i++)
            {
                db.AuditRecords.Add(new AuditRecord { Action = "a" + i, Outcome = AuditOutcome.Success, Time = start.AddHours(i) });
            }

            await db.SaveChangesAsync();
        }

        await using (var db = store.CreateContext())
        {
            var from = start.AddHours(1);
            var to = start.AddHours(3);
            var actions = await db.AuditRecords.Where(r => r.Time >= from && r.Time <= to).OrderBy(r => r.Time).Select(r => r.Action).ToListAsync();
            Assert.Equal(["a1", "a2", "a3"], actions);
        }
    }
}

public sealed class SqliteStorageTests : StorageTests
{
    protected override Task<TestStore> CreateStoreAsync() => Task.FromResult<TestStore>(new SqliteTestStore());

    [Fact]
    public async Task Sqlite_UsesWriteAheadLogging()
    {
        await using var store = new SqliteTestStore();
        await store.MigrateAsync();
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class PostgresStorageTests : StorageTests
{
    protected override async Task<TestStore> CreateStoreAsync() => await PostgresTestStore.CreateAsync();
}
