using System.Security.Cryptography;
using Conclave.Client.Auth;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Server.Tests.Web;

/// <summary>
/// The real server on 127.0.0.1 with its TURN relay on a loopback port that the per-call ICE servers
/// name (relaying to loopback peers allowed: every peer here is on loopback), encryption policies for
/// every mode, and Debian's Chromium driving the server's call page. People are made on demand.
/// </summary>
public class BrowserCallFixture : TestHost
{
    public const string Password = "web-call-password-123";

    /// <summary>The tone the pages' fake microphone plays, Hz.</summary>
    public const double BrowserTone = 1000;

    private static readonly string[] Modes = ["Disabled", "DisabledUserOverride", "EnabledUserOverride", "Required"];
    private CallPageDriver? _browser;

    internal CallPageDriver Browser => _browser ?? throw new InvalidOperationException("not started");

    public int RelayPort { get; } = FreeUdpPort();

    /// <summary>The app's calls screen with media on the relay (Chromium has no loopback host candidates).</summary>
    public Uri PageAddress => new(BaseAddress, "/calls?relay=1");

    protected override TestHostOptions Options => new() { RelayPort = RelayPort, RelayAnnouncedPort = RelayPort };

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // The set-up figures ring the same person up to 200 times in a row.
        ["Conclave:Calls:RingsPerMinute"] = "10000",
        ["Conclave:Calls:RingsPerMinutePerCallee"] = "10000",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var mode in Modes)
        {
            await SetPolicyAsync(d => d.New(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Web" + mode, new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = mode }));
        }

        System.IO.Directory.CreateDirectory(CallPageDriver.ScreenshotDirectory);
        using var start = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        _browser = await CallPageDriver.StartAsync(BrowserTone, start.Token);
    }

    /// <summary>
    /// A page of its own signed in as the bootstrap administrator: the password, then one of the admin's
    /// recovery codes while any is left, else an authenticator code (which may wait for the next time step).
    /// </summary>
    internal async Task<CallPage> OpenAsAdministratorAsync(string name)
    {
        var recoveryCode = await AdminRecoveryCodeAsync();
        var totp = recoveryCode is null ? Totp(await AdminTotpSecretAsync()) : null;
        var page = await CallPage.OpenAsync(Browser, $"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", PageAddress);
        await page.SignInAsync(AdminUpn, AdminNewPassword, totp, recoveryCode);
        return page;
    }

    public override async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>A new directory user under the encryption policy <paramref name="mode"/> with the stored E2EE setting.</summary>
    internal async Task<string> CreateUserAsync(string name, string mode = "DisabledUserOverride", E2eeUserSetting setting = E2eeUserSetting.On)
    {
        var (upn, id) = await CreateMemberAsync($"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", Password, name);
        await SetPolicyAsync(d => d.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, id, "Web" + mode));
        if (setting != E2eeUserSetting.Unset && mode is "DisabledUserOverride" or "EnabledUserOverride")
        {
            await SetPolicyAsync(d => d.E2ee.SetE2eeCallSetting(id, setting));
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

    internal Task<ConclaveSession> SignInAsync(string upn) => SignInSessionAsync(upn, Password);
}

/// <summary>One server and one Chromium for every browser call test: pages are cheap, browsers and servers are not.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCallCollection : ICollectionFixture<BrowserCallFixture>
{
    public const string Name = "browser calls";
}
