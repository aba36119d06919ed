using Conclave.Domain.Policies.Questions;
using Conclave.Server.Directory;
using Conclave.Server.Presence;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Cli.Tests.Calls;

[Collection(CallCollection.Name)]
public sealed class CallCliTests(CallServerFixture server) : IDisposable
{
    private readonly CliHarness _alice = new();
    private readonly CliHarness _bob = new();

    public void Dispose()
    {
        _alice.Dispose();
        _bob.Dispose();
    }

    private string Url => server.Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority);

    private async Task LoginAsync(CliHarness cli, string upn)
    {
        var login = await cli.RunWithInputAsync(CallServerFixture.Password + "\n", "login", "--server", Url, "--user", upn, "--password-stdin");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
    }

    private async Task<string> UserIdAsync(string upn)
    {
        using var scope = server.Server.App.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>().FindByNameAsync(upn))!.Id;
    }

    [Fact]
    public async Task CallAndAnswer_E2ee_BothPrintTheSameSecurityCode_AndHearEachOthersTone()
    {
        var aliceUpn = await server.CreateUserAsync("alice");
        var bobUpn = await server.CreateUserAsync("bob");
        await LoginAsync(_alice, aliceUpn);
        await LoginAsync(_bob, bobUpn);
        var bobId = await UserIdAsync(bobUpn);
        var devices = server.Server.App.Services.GetRequiredService<DeviceRegistry>();

        var answering = _bob.RunAsync("answer", "--auto", "--interface", "127.0.0.1", "--tone", "1000", "--expect-tone", "440", "--wait", "15s");
        Assert.True(await Bounded.EventuallyAsync(() => devices.DevicesOf(bobId).Count == 1 || answering.IsCompleted), "answer never registered");
        var calling = await _alice.RunAsync("call", bobUpn, "--duration", "1500ms", "--interface", "127.0.0.1", "--tone", "440", "--expect-tone", "1000").Within(Bounded.CallRunLimit);
        var answered = await answering.Within(Bounded.CallRunLimit);

        Assert.True(calling.ExitCode == ExitCodes.Ok, calling.ToString());
        Assert.True(answered.ExitCode == ExitCodes.Ok, answered.ToString());
        var code = SecurityCodeOf(calling.Stdout);
        Assert.Equal(code, SecurityCodeOf(answered.Stdout));
        foreach (var output in new[] { calling.Stdout, answered.Stdout })
        {
            Assert.Contains("State: Connected", output, StringComparison.Ordinal);
            Assert.Contains("E2EE: yes", output, StringComparison.Ordinal);
            Assert.Contains("tone detected", output, StringComparison.Ordinal);
            Assert.Contains(": yes", output.Split("tone detected")[1].Split('\n')[0], StringComparison.Ordinal);
            Assert.Contains("packets sent:", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CallAndAnswer_Standard_BothPrintEncryptedThroughTheServer_NoSecurityCode_AndHearEachOthersTone()
    {
        var aliceUpn = await server.CreateUserAsync("alice", "Disabled");
        var bobUpn = await server.CreateUserAsync("bob");
        await LoginAsync(_alice, aliceUpn);
        await LoginAsync(_bob, bobUpn);
        var bobId = await UserIdAsync(bobUpn);
        var devices = server.Server.App.Services.GetRequiredService<DeviceRegistry>();

        var answering = _bob.RunAsync("answer", "--auto", "--interface", "127.0.0.1", "--tone", "1000", "--expect-tone", "440", "--wait", "15s");
        Assert.True(await Bounded.EventuallyAsync(() => devices.DevicesOf(bobId).Count == 1 || answering.IsCompleted), "answer never registered");
        var calling = await _alice.RunAsync("call", bobUpn, "--duration", "1500ms", "--interface", "127.0.0.1", "--tone", "440", "--expect-tone", "1000").Within(Bounded.CallRunLimit);
        var answered = await answering.Within(Bounded.CallRunLimit);

        Assert.True(calling.ExitCode == ExitCodes.Ok, calling.ToString());
        Assert.True(answered.ExitCode == ExitCodes.Ok, answered.ToString());
        foreach (var output in new[] { calling.Stdout, answered.Stdout })
        {
            Assert.Contains("E2EE: no (PolicyDisabled", output, StringComparison.Ordinal);
            Assert.Contains("Encrypted: yes (standard, through the server)", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Security code", output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains(": yes", output.Split("tone detected")[1].Split('\n')[0], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SettingsSet_E2eeCallsOff_ThenACallIsStandard_WithUserSettingOffOnTheCallersSide()
    {
        var aliceUpn = await server.CreateUserAsync("alice", "EnabledUserOverride", E2eeUserSetting.Unset);
        var bobUpn = await server.CreateUserAsync("bob");
        await LoginAsync(_alice, aliceUpn);

        var off = await _alice.RunAsync("settings", "set", "e2ee-calls", "off");
        Assert.True(off.ExitCode == ExitCodes.Ok, off.ToString());
        Assert.StartsWith("e2ee-calls: off", off.Stdout, StringComparison.Ordinal);

        await using var bob = await Person.SignInAsync(server, bobUpn);
        var calling = _alice.RunAsync("call", bobUpn, "--duration", "1s", "--interface", "127.0.0.1");
        var incoming = await bob.Device.WaitForIncomingAsync(CancellationToken.None).Within();
        Assert.Equal(("UserSettingOff", "Caller"), (incoming.E2ee.Reasons[0].Code, incoming.E2ee.Reasons[0].Side));
        await bob.Device.AnswerAsync(incoming, CancellationToken.None);
        var run = await calling.Within(Bounded.CallRunLimit);

        Assert.Contains("E2EE: no (UserSettingOff", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Encrypted: yes (standard, through the server)", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("Security code", run.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());

        var on = await _alice.RunAsync("settings", "set", "e2ee-calls", "on");
        Assert.StartsWith("e2ee-calls: on", on.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SettingsShow_NamesThePolicyValueAsAnAdministratorSetsIt()
    {
        var upn = await server.CreateUserAsync("carol", "DisabledUserOverride", E2eeUserSetting.Unset);
        await LoginAsync(_alice, upn);

        var show = await _alice.RunAsync("settings", "show");

        Assert.True(show.ExitCode == ExitCodes.Ok, show.ToString());
        Assert.Contains("CallingEndtoEndEncryptionEnabledType DisabledUserOverride", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("UserMayEnable", show.Stdout, StringComparison.Ordinal);
    }

    private static string SecurityCodeOf(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith("Security code: ", StringComparison.Ordinal));
        var code = line["Security code: ".Length..].Trim();
        Assert.Equal(20, code.Count(char.IsAsciiDigit));
        return code;
    }
}
