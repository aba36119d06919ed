using System.Security.Cryptography;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Audit;

public sealed class BootstrapAuditTests : IDisposable
{
    private const string Domain = "bootstrap.test";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "conclave-boot-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Bootstrap_WhoseAuditRecordFails_CreatesNoAdministrator_AndTheNextStartBootstrapsWithItsRecord()
    {
        var interceptor = new FailingAuditInterceptor();
        interceptor.Doom("admin@" + Domain);

        await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(interceptor));
        await using (var db = OpenStore())
        {
            Assert.Equal(0, await db.Users.CountAsync());
            Assert.Equal(0, await db.UserRoles.CountAsync());
        }

        await using (await StartAsync(null))
        {
        }

        await using (var db = OpenStore())
        {
            var admin = await db.Users.SingleAsync();
            Assert.Equal("admin@" + Domain, admin.UserName);
            Assert.Equal(1, await db.UserRoles.CountAsync(r => r.UserId == admin.Id));
            Assert.Equal(1, await db.AuditRecords.CountAsync(r => r.Action == "server.bootstrap" && r.Target == admin.UserName));
        }
    }

    private async Task<ConclaveServer> StartAsync(FailingAuditInterceptor? interceptor)
    {
        System.IO.Directory.CreateDirectory(_folder);
        var passwordFile = Path.Combine(_folder, "bootstrap-password");
        await File.WriteAllTextAsync(passwordFile, "bootstrap-password-123\n");
        return await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(_folder, "data"), "--bootstrap-admin-password-file", passwordFile],
            TextWriter.Null,
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Conclave:Tenant:Domain"] = Domain,
                    ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                    ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                    ["Conclave:Relay:UdpPort"] = "0",
                });
                if (interceptor is not null)
                {
                    builder.Services.ConfigureDbContext<SqliteConclaveDbContext>(o => o.AddInterceptors(interceptor));
                }
            },
            CancellationToken.None);
    }

    private SqliteConclaveDbContext OpenStore() => new(new DbContextOptionsBuilder<SqliteConclaveDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_folder, "data", "conclave.db")};Pooling=False").UseOpenIddict().Options);
}
