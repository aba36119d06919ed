using System.Net;
using System.Security.Cryptography;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Server.Calls;
using Conclave.Server.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Testing;

/// <summary>
/// The real server with its media processor on loopback, a fake clock for the ring timeout, encryption
/// policies for every mode, and people made on demand: a directory user under a chosen policy and setting,
/// signed in with the password grant, with one or more devices connected to the call hub.
/// </summary>
public class CallServerFixture : TestHost
{
    public const string Password = "call-password-12345";
    public static readonly string[] Modes = ["Disabled", "DisabledUserOverride", "EnabledUserOverride", "Required"];

    public FakeTimeProvider RingClock { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>The server's media processor, which carries standard calls.</summary>
    public MediaProcessor Media => Services.GetRequiredService<MediaProcessor>();

    protected override TestHostOptions Options => new() { Media = true };

    /// <summary>Lets a fixture put more into the server before it starts (the hostile relay's hub filter).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected sealed override void Configure(WebApplicationBuilder builder)
    {
        builder.Services.AddKeyedSingleton<TimeProvider>(CallService.ClockKey, RingClock);
        ConfigureServices(builder.Services);
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var mode in Modes)
        {
            await SetPolicyAsync(d => d.New(PolicyTypes.TeamsEnhancedEncryptionPolicy, "Calls" + mode, new Dictionary<string, string?> { ["CallingEndtoEndEncryptionEnabledType"] = mode }));
        }

        await SetPolicyAsync(d => d.New(PolicyTypes.TeamsComplianceRecordingPolicy, "CallsRecorded", new Dictionary<string, string?>
        {
            ["Enabled"] = "True",
            ["ComplianceRecordingApplications"] = "recorder-1",
        }));
    }

    /// <summary>A new user under <paramref name="mode"/>, with the stored E2EE switch and optional compliance recording.</summary>
    public async Task<string> CreateUserAsync(string name, string mode = "DisabledUserOverride", E2eeUserSetting setting = E2eeUserSetting.On, bool recorded = false)
    {
        var (upn, id) = await CreateMemberAsync($"{name}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}", Password, name);
        await SetPolicyAsync(d => d.GrantToUser(PolicyTypes.TeamsEnhancedEncryptionPolicy, id, "Calls" + mode));
        if (setting != E2eeUserSetting.Unset && mode is "DisabledUserOverride" or "EnabledUserOverride" && !recorded)
        {
            await SetPolicyAsync(d => d.E2ee.SetE2eeCallSetting(id, setting));
        }

        if (recorded)
        {
            await SetPolicyAsync(d => d.GrantToUser(PolicyTypes.TeamsComplianceRecordingPolicy, id, "CallsRecorded"));
        }

        return upn;
    }

    public Task<ConclaveSession> SignInAsync(string upn) => SignInSessionAsync(upn, Password);

    public static CallClientOptions DeviceOptions(string name, bool capable = true, double tone = 440) => new()
    {
        DeviceName = name,
        E2eeCapable = capable,
        AddressFilter = address => address.Equals(IPAddress.Loopback),
        ToneFrequency = tone,
        RtcpInterval = TimeSpan.FromMilliseconds(200),
    };
}
