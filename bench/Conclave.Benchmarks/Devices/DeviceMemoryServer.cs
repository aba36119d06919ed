using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Conclave.Server;
using Conclave.Server.Directory;
using Conclave.Server.Presence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conclave.Benchmarks.Devices;

/// <summary>
/// The server side of the idle-device memory benchmark, in a process of its own so that its working set holds
/// nothing of the clients: the real server on 127.0.0.1 (ephemeral port, temporary data folder) with the
/// benchmark's users. It prints <c>READY &lt;address&gt; &lt;certificate SHA-256&gt;</c>, then answers each
/// <c>measure</c> line on stdin with <c>MEMORY &lt;working set&gt; &lt;managed heap&gt; &lt;registered devices&gt;</c>
/// after a full blocking collection, and stops when stdin closes.
/// </summary>
internal static class DeviceMemoryServer
{
    public const string Domain = "devices.bench.test";
    public const string Password = "device-bench-password-12345";

    public static string Upn(int i) => string.Create(CultureInfo.InvariantCulture, $"d{i:D5}@{Domain}");

    public static async Task RunAsync(int users)
    {
        var root = Directory.CreateTempSubdirectory("conclave-bench-devices-").FullName;
        try
        {
            var passwordFile = Path.Combine(root, "bootstrap");
            await File.WriteAllTextAsync(passwordFile, "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));
            await using var server = await ConclaveServer.StartAsync(
                ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(root, "data"), "--bootstrap-admin-password-file", passwordFile],
                TextWriter.Null,
                builder =>
                {
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Conclave:Tenant:Domain"] = Domain,

                        // Fewer PBKDF2 iterations so that signing a thousand users in takes seconds; not measured.
                        ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                        ["Conclave:Throttling:PermitsPerAddress"] = "100000",
                        ["Conclave:Throttling:PermitsPerSubnet"] = "100000",
                        ["Conclave:Throttling:PermitsPerAccount"] = "100000",
                        ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                        ["Conclave:Relay:UdpPort"] = "0",
                    });
                    builder.Logging.ClearProviders();
                },
                CancellationToken.None);

            using (var scope = server.App.Services.CreateScope())
            {
                var manager = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
                for (var i = 0; i < users; i++)
                {
                    var upn = Upn(i);
                    var created = await manager.CreateAsync(
                        new ConclaveUser { UserName = upn, Email = upn, DisplayName = upn, CreatedAt = TimeProvider.System.GetUtcNow() }, Password);
                    if (!created.Succeeded)
                    {
                        throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                    }
                }
            }

            var registry = server.App.Services.GetRequiredService<DeviceRegistry>();
            Console.WriteLine($"READY {server.Addresses[0]} {server.Certificate.GetCertHashString(HashAlgorithmName.SHA256)}");
            while (await Console.In.ReadLineAsync() is { } line)
            {
                if (line.Trim() == "measure")
                {
                    var (workingSet, heap) = Measure();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MEMORY {workingSet} {heap} {registry.Count}"));
                }
            }
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>Working set and live managed bytes after a full, compacting, blocking collection (finalizers run in between).</summary>
    private static (long WorkingSet, long Heap) Measure()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return (process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false));
    }
}
