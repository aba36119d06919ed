using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Conclave.Client.Auth;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Server.Directory;
using Conclave.Server.Policies;
using Conclave.Server.Relay;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The real server on 127.0.0.1 with its TURN relay on a loopback port that the per-call ICE servers
/// name (relaying to loopback peers allowed: every peer here is on loopback), encryption policies for
/// every mode, and Debian's Chromium driving the server's call page. People are made on demand.
/// </summary>
public class BrowserCallFixture : IAsyncLifetime
{
    public const string Domain = "webcall.test";
    public const string Password = "web-call-password-123";

    /// <summary>The tone the pages' fake microphone plays, Hz.</summary>
    public const double BrowserTone = 1000;

    private static readonly string[] Modes = ["Disabled", "DisabledUserOverride", "EnabledUserOverride", "Required"];
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("conclave-webcall-").FullName;
    private CallPageDriver? _browser;

    internal ConclaveServer Server { get; private set; } = null!;

    internal CallPageDriver Browser => _browser ?? throw new InvalidOperationException("not started");

    internal ServerEndpoint Endpoint { get; private set; } = null!;

    public int RelayPort { get; } = FreeUdpPort();

    /// <summary>The call page with media on the relay (Chromium has no loopback host candidates).</summary>
    public Uri PageAddress => new(Server.Addresses[0], "/call/?relay=1");

    public async Task InitializeAsync()
    {
        var passwordFile = Path.Combine(_root, "bootstrap-password");
        await File.WriteAllTextAsync(passwordFile, "bootstrap-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)) + "\n");
        var relayUri = $"turn:127.0.0.1:{RelayPort.ToString(CultureInfo.InvariantCulture)}?transport=udp";
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
                    // The set-up figures ring the same person up to 200 times in a row.
                    ["Conclave:Calls:RingsPerMinute"] = "10000",
                    ["Conclave:Calls:RingsPerMinutePerCallee"] = "10000",
                });
                // After every binding of the configuration: the relay on the port its handed-out URI names.
                builder.Services.PostConfigure<RelayOptions>(o =>
                {
                    o.ListenAddress = "127.0.0.1";
                    o.UdpPort = RelayPort;
                    o.AllowLoopbackPeers = true;
                    o.Uris.Clear();
                    o.Uris.Add(relayUri);
                });
            },
            CancellationToken.None);
        var fingerprint = string.Join(':', Server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        Assert.True(CertificateFingerprint.TryParse(fingerprint, out var pin));
        Endpoint = new ServerEndpoint(Server.Addresses[0], ServerTrust.Pinned(pin!));

        var policies = Server.App.Services.GetRequiredService<PolicyService>();
        foreach (var mode in Modes)
        {
            await Ok(policies.ChangeAsync(d => d.New(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Web" + mode, new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = mode }), CancellationToken.None));
        }

        System.IO.Directory.CreateDirectory(CallPageDriver.ScreenshotDirectory);
        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _browser = await CallPageDriver.StartAsync(BrowserTone, start.Token);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await Server.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A new directory user under the encryption policy <paramref name="mode"/> with the stored E2EE setting.</summary>
    internal async Task<string> CreateUserAsync(string name, string mode = "DisabledUserOverride", E2eeUserSetting setting = E2eeUserSetting.On)
    {
        var upn = $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}@{Domain}";
        string id;
        using (var scope = Server.App.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
            var user = new ConclaveUser { UserName = upn, Email = upn, DisplayName = name, CreatedAt = TimeProvider.System.GetUtcNow(), LockoutEnabled = true };
            var created = await users.CreateAsync(user, Password);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
            id = user.Id;
        }

        var guid = Guid.Parse(id);
        var policies = Server.App.Services.GetRequiredService<PolicyService>();
        await Ok(policies.ChangeAsync(d => d.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, guid, "Web" + mode), CancellationToken.None));
        if (setting != E2eeUserSetting.Unset && mode is "DisabledUserOverride" or "EnabledUserOverride")
        {
            await Ok(policies.ChangeAsync(d => d.E2ee.SetE2eeCallSetting(guid, setting), CancellationToken.None));
        }

        return upn;
    }

    /// <summary>A page of its own (own cookies and storage), signed in as <paramref name="upn"/> through the login page.</summary>
    internal async Task<CallPage> OpenSignedInAsync(string name, string upn)
    {
        var page = await CallPage.OpenAsync(Browser, name, PageAddress);
        var signedIn = await page.SignInAsync(upn, Password);
        // The authorization code left the address bar; the relay option survived the round trip.
        Assert.Equal(PageAddress.ToString(), (string?)signedIn["url"]);
        return page;
    }

    internal Task<ConclaveSession> SignInAsync(string upn) =>
        ConclaveSession.SignInWithPasswordAsync(Endpoint, upn, Password, null, TimeProvider.System, CancellationToken.None);

    private static int FreeUdpPort()
    {
        using var probe = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.Client.LocalEndPoint!).Port;
    }

    private static async Task Ok<T>(Task<Conclave.Domain.Common.Result<T>> change)
    {
        var result = await change;
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }
}

/// <summary>One server and one Chromium for every browser call test: pages are cheap, browsers and servers are not.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCallCollection : ICollectionFixture<BrowserCallFixture>
{
    public const string Name = "browser calls";
}
