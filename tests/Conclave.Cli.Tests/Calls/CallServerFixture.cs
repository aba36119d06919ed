using System.Net;
using System.Security.Cryptography;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Server;
using Conclave.Server.Calls;
using Conclave.Server.Directory;
using Conclave.Server.Media;
using Conclave.Server.Policies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Cli.Tests.Calls;

/// <summary>
/// The real server on 127.0.0.1 with a fake clock for the ring timeout, encryption policies for every
/// mode, and people made on demand: a directory user under a chosen policy and setting, signed in with
/// the password grant, with one or more devices connected to the call hub.
/// </summary>
public class CallServerFixture : IAsyncLifetime
{
    public const string Domain = "calls.test";
    public const string Password = "call-password-12345";
    public static readonly string[] Modes = ["Disabled", "DisabledUserOverride", "EnabledUserOverride", "Required"];

    private readonly string _root = Directory.CreateTempSubdirectory("conclave-calls-").FullName;

    public FakeTimeProvider RingClock { get; } = new(DateTimeOffset.UtcNow);

    internal ConclaveServer Server { get; private set; } = null!;

    internal ServerEndpoint Endpoint { get; private set; } = null!;

    /// <summary>The server's media processor, which carries standard calls.</summary>
    internal MediaProcessor Media => Server.App.Services.GetRequiredService<MediaProcessor>();

    /// <summary>Lets a fixture put more into the server before it starts (the hostile relay's hub filter).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_root, "bootstrap-password");
        await File.WriteAllTextAsync(passwordFile, "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "\n");
        Server = await ConclaveServer.StartAsync(
            ["--urls", "https://127.0.0.1:0", "--data", Path.Combine(_root, "data"), "--bootstrap-admin-password-file", passwordFile],
            TextWriter.Null,
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["Conclave:Tenant:Domain"] = Domain,
                    ["Conclave:Accounts:PasswordHashIterations"] = "1000",
                    ["Conclave:Throttling:PermitsPerAddress"] = "10000",
                    ["Conclave:Throttling:PermitsPerSubnet"] = "10000",
                    ["Conclave:Throttling:PermitsPerAccount"] = "10000",
                    // The in-process TURN relay on an ephemeral loopback port, so parallel servers never clash on 3478.
                    ["Conclave:Relay:ListenAddress"] = "127.0.0.1",
                    ["Conclave:Relay:UdpPort"] = "0",
                    // The media processor's legs on ephemeral loopback ports too.
                    ["Conclave:MediaProcessor:ListenAddress"] = "127.0.0.1",
                    ["Conclave:MediaProcessor:MinPort"] = "0",
                    ["Conclave:MediaProcessor:MaxPort"] = "0",
                });
                builder.Services.AddKeyedSingleton<TimeProvider>(CallService.ClockKey, RingClock);
                ConfigureServices(builder.Services);
            },
            CancellationToken.None);
        var fingerprint = string.Join(':', Server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.True(CertificateFingerprint.TryParse(fingerprint, out var pin));
        Endpoint = new ServerEndpoint(Server.Addresses[0], ServerTrust.Pinned(pin!));

        var policies = Server.App.Services.GetRequiredService<PolicyService>();
        foreach (var mode in Modes)
        {
            await Ok(policies.ChangeAsync(d => d.New(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Calls" + mode, new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = mode }), CancellationToken.None));
        }

        await Ok(policies.ChangeAsync(d => d.New(PolicyTypes.TeamsComplianceRecordingPolicy, "CallsRecorded", new Dictionary<string, string?>
        {
            ["Enabled"] = "True",
            ["ComplianceRecordingApplications"] = "recorder-1",
        }), CancellationToken.None));
    }

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new user under <paramref name="mode"/>, with the stored E2EE switch and optional compliance recording.</summary>
    internal async Task<string> CreateUserAsync(string name, string mode = "DisabledUserOverride", E2eeUserSetting setting = E2eeUserSetting.On, bool recorded = false)
    {
        var upn = $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}@{Domain}";
        string id;
        using (var scope = Server.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
            var user = new ConclaveUser { UserName = upn, Email = upn, DisplayName = name, CreatedAt = DateTimeOffset.UtcNow, LockoutEnabled = true };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            id = user.Id;
        }

        var guid = Guid.Parse(id);
        var policies = Server.App.Services.GetRequiredService<PolicyService>();
        await Ok(policies.ChangeAsync(d => d.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, guid, "Calls" + mode), CancellationToken.None));
        if (setting != E2eeUserSetting.Unset && mode is "DisabledUserOverride" or "EnabledUserOverride" && !recorded)
        {
            await Ok(policies.ChangeAsync(d => d.E2ee.SetE2eeCallSetting(guid, setting), CancellationToken.None));
        }

        if (recorded)
        {
            await Ok(policies.ChangeAsync(d => d.GrantToUser(PolicyTypes.TeamsComplianceRecordingPolicy, guid, "CallsRecorded"), CancellationToken.None));
        }

        return upn;
    }

    internal Task<ConclaveSession> SignInAsync(string upn) =>
        ConclaveSession.SignInWithPasswordAsync(Endpoint, upn, Password, null, TimeProvider.System, CancellationToken.None);

    internal static CallClientOptions DeviceOptions(string name, bool capable = true, double tone = 440) => new()
    {
        DeviceName = name,
        E2eeCapable = capable,
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = tone,
        RtcpInterval = TimeSpan.FromMilliseconds(200),
    };

    private static async Task Ok<T>(Task<Conclave.Domain.Common.Result<T>> change)
    {
        var result = await change;
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }
}

[CollectionDefinition(Name)]
public sealed class CallCollection : ICollectionFixture<CallServerFixture>
{
    public const string Name = "conclave calls";
}
