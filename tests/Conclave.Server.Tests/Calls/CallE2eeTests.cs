using Conclave.Client.Calls;
using Conclave.Domain.Policies.Questions;

namespace Conclave.Server.Tests.Calls;

[Collection(CallCollection.Name)]
public sealed class CallE2eeTests(CallServerFixture server)
{
    private static readonly CancellationToken None = CancellationToken.None;

    public enum Condition
    {
        PolicyDisabled,
        UserSettingOff,
        DeviceNotCapable,
        ComplianceRecording,
    }

    public static TheoryData<Condition, string> Table()
    {
        var data = new TheoryData<Condition, string>();
        foreach (var condition in Enum.GetValues<Condition>())
        {
            data.Add(condition, "Caller");
            data.Add(condition, "Callee");
        }

        return data;
    }

    private async Task<Person> PersonAsync(string name, Condition? condition)
    {
        var upn = condition switch
        {
            Condition.PolicyDisabled => await server.CreateUserAsync(name, "Disabled"),
            Condition.UserSettingOff => await server.CreateUserAsync(name, "EnabledUserOverride", E2eeUserSetting.Off),
            Condition.ComplianceRecording => await server.CreateUserAsync(name, "EnabledUserOverride", recorded: true),
            _ => await server.CreateUserAsync(name),
        };
        return await Person.SignInAsync(server, upn, CallServerFixture.DeviceOptions(name, capable: condition != Condition.DeviceNotCapable));
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Eligibility_EachReasonEachSide_BothSidesSeeStandardWithTheReason_AndMediaThroughTheServer(Condition condition, string side)
    {
        await using var alice = await PersonAsync("alice", side == "Caller" ? condition : null);
        await using var bob = await PersonAsync("bob", side == "Callee" ? condition : null);

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        var answered = await bob.Device.AnswerAsync(incoming, None);
        await call.Connected.Within();

        foreach (var e2ee in new[] { call.E2ee, incoming.E2ee, answered.E2ee })
        {
            Assert.False(e2ee.EndToEnd);
            var reason = Assert.Single(e2ee.Reasons);
            Assert.Equal(condition.ToString(), reason.Code);
            Assert.Equal(side, reason.Side);
            Assert.Contains(side == "Caller" ? alice.Upn : bob.Upn, reason.Message, StringComparison.Ordinal);
        }

        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();
        Assert.Null(call.SecurityCode);
        Assert.Null(answered.SecurityCode);
        await call.HangUpAsync(None);
        Assert.Equal("HungUp", await answered.Ended.Within());
    }

    [Theory]
    [InlineData("Caller")]
    [InlineData("Callee")]
    public async Task Required_AndTheOtherSideCannot_IsRefusedWithTheOthersReason(string requiredSide)
    {
        var strict = await server.CreateUserAsync("strict", "Required");
        var lax = await server.CreateUserAsync("lax", "Disabled");
        await using var alice = await Person.SignInAsync(server, requiredSide == "Caller" ? strict : lax);
        await using var bob = await Person.SignInAsync(server, requiredSide == "Caller" ? lax : strict);

        var refused = await Assert.ThrowsAsync<CallException>(() => alice.Device.PlaceAsync(bob.Upn, None));

        Assert.Equal("call.e2ee_required", refused.Code);
        var reason = Assert.Single(refused.E2ee!.Reasons);
        Assert.Equal("PolicyDisabled", reason.Code);
        Assert.Equal(requiredSide == "Caller" ? "Callee" : "Caller", reason.Side);
    }

    [Fact]
    public async Task Pstn_IsNotEndToEnd_WithReasonPstn()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));

        var refused = await Assert.ThrowsAsync<CallException>(() => alice.Device.PlaceAsync("tel:+15550100", None));

        Assert.Equal("call.pstn_unavailable", refused.Code);
        Assert.False(refused.E2ee!.EndToEnd);
        Assert.Equal("Pstn", Assert.Single(refused.E2ee.Reasons).Code);
    }

    [Fact]
    public async Task E2eeCall_BothSidesShowTheSameSecurityCode_AndTheToneArrivesBothWays()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"), CallServerFixture.DeviceOptions("alice", tone: 440));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob", "EnabledUserOverride", E2eeUserSetting.Unset), CallServerFixture.DeviceOptions("bob", tone: 1000));

        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var incoming = await bob.Device.WaitForIncomingAsync(None).Within();
        Assert.True(incoming.E2ee.EndToEnd);
        var answered = await bob.Device.AnswerAsync(incoming, None);
        await Task.WhenAll(call.MediaReady, answered.MediaReady).Within();

        Assert.True(call.E2ee.EndToEnd);
        Assert.Empty(call.E2ee.Reasons);
        Assert.Matches("^[0-9]{20}$", call.SecurityCode!.Replace(" ", "", StringComparison.Ordinal));
        Assert.Equal(call.SecurityCode, answered.SecurityCode);
        Assert.True(await Bounded.EventuallyAsync(() => call.ToneDetected(1000) && answered.ToneDetected(440)), "tone not detected both ways");
        Assert.False(call.ToneDetected(440));

        await call.HangUpAsync(None);
        Assert.Equal("HungUp", await answered.Ended.Within());
        Assert.True(call.Statistics!.PacketsReceived > 0 && answered.Statistics!.PacketsReceived > 0);
    }

    [Theory]
    [InlineData("StartRecording")]
    [InlineData("Captions")]
    [InlineData("Transcription")]
    [InlineData("TransferBlind")]
    [InlineData("TransferConsult")]
    [InlineData("Park")]
    [InlineData("Merge")]
    [InlineData("Companion")]
    [InlineData("TransferToDevice")]
    [InlineData("AddParticipant")]
    [InlineData("Apps")]
    public async Task Feature_InE2eeCall_IsRefusedWithE2eeActive(string feature)
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));
        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        var answered = await bob.Device.AnswerAsync(await bob.Device.WaitForIncomingAsync(None).Within(), None);
        await call.Connected.Within();
        Assert.True(call.E2ee.EndToEnd);

        var fromCaller = await call.RequestFeatureAsync(feature, None);
        var fromCallee = await answered.RequestFeatureAsync(feature, None);

        Assert.Equal("call.e2ee_active", fromCaller.Code);
        Assert.Equal("call.e2ee_active", fromCallee.Code);
        Assert.Contains("end-to-end encryption must be turned off", fromCaller.Message, StringComparison.Ordinal);
        await call.HangUpAsync(None);
    }

    [Fact]
    public async Task Feature_InStandardCall_AnswersNotAvailable()
    {
        await using var alice = await Person.SignInAsync(server, await server.CreateUserAsync("alice", "Disabled"));
        await using var bob = await Person.SignInAsync(server, await server.CreateUserAsync("bob"));
        var call = await alice.Device.PlaceAsync(bob.Upn, None);
        await bob.Device.AnswerAsync(await bob.Device.WaitForIncomingAsync(None).Within(), None);
        await call.Connected.Within();

        Assert.Equal("call.not_available", (await call.RequestFeatureAsync("StartRecording", None)).Code);
        await call.HangUpAsync(None);
    }
}
