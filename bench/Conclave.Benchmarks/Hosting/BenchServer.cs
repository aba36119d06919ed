using System.Security.Cryptography;
using Conclave.Server;
using Conclave.Server.Directory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conclave.Benchmarks.Hosting;

/// <summary>
/// The real server as the benchmarks run it: on 127.0.0.1 (ephemeral HTTPS port, relay on an ephemeral UDP port), in
/// a temporary data folder removed on dispose, without logging, with throttling raised out of the way of a load
/// that comes from one address, and fewer PBKDF2 iterations so that creating and signing in a thousand users takes
/// seconds (neither is measured).
/// </summary>
internal sealed class BenchServer : IAsyncDisposable
{
    private readonly string _root;

    private BenchServer(string root, ConclaveServer server, string bootstrapPassword)
    {
        _root = root;
        Server = server;
        BootstrapPassword = bootstrapPassword;
    }

    public ConclaveServer Server { get; }

    /// <summary>The bootstrap administrator's first password (to be changed at the first sign-in).</summary>
    public string BootstrapPassword { get; }

    public Uri BaseAddress => Server.Addresses[0];

    /// <summary>The SHA-256 of the server's certificate, as hex: what clients pin.</summary>
    public string CertificateHash => Server.Certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <param name="name">A word for the temporary folder's name.</param>
    /// <param name="domain">The tenant's domain.</param>
    /// <param name="settings">More configuration, over the benchmark defaults.</param>
    /// <param name="cancellationToken">Ends the start.</param>
    public static async Task<BenchServer> StartAsync(string name, string domain, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory($"conclave-bench-{name}-").FullName;
        try
        {
            var passwordFile = Path.Combine(root, "bootstrap");
            var bootstrap = "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            await File.WriteAllTextAsync(passwordFile, bootstrap, cancellationToken);
            var server = await ConclaveServer.StartAsync(
                ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(root, "data"), "--bootstrap-admin-password-file", passwordFile],
                TextWriter.Null,
                builder =>
                {
                    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                    {
                        ["Conclave:Tenant:Domain"] = domain,
                        ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                        ["Conclave:Throttling:PermitsPerAddress"] = "100000",
                        ["Conclave:Throttling:PermitsPerSubnet"] = "100000",
                        ["Conclave:Throttling:PermitsPerAccount"] = "100000",
                        ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                        ["Conclave:Relay:UdpPort"] = "0",
                    });
                    builder.Configuration.AddInMemoryCollection(settings);
                    builder.Logging.ClearProviders();
                },
                cancellationToken);
            return new BenchServer(root, server, bootstrap);
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>Creates each user of <paramref name="upns"/> with <paramref name="password"/>, straight through the identity store.</summary>
    public async Task CreateUsersAsync(IEnumerable<string> upns, string password)
    {
        using var scope = Server.App.Services.CreateScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
        foreach (var upn in upns)
        {
            var created = await manager.CreateAsync(
                new ConclaveUser { UserName = upn, Email = upn, DisplayName = upn, CreatedAt = TimeProvider.System.GetUtcNow() }, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }
}
