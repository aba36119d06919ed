using Conclave.Contracts.Errors;
using Conclave.Domain.Calls;
using Microsoft.Extensions.Time.Testing;

namespace Conclave.Domain.Tests.Calls;

public class CallSessionTests
{
    private static readonly E2eeDecision EndToEnd = new(true, [], false);
    private static readonly E2eeDecision Standard = new(false, [new(E2eeIneligibilityCode.PolicyDisabled, CallSide.Callee, "x")], false);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    private CallSession NewCall(E2eeDecision? e2ee = null) => new(Guid.NewGuid(), "alice", "alice-phone", "bob", e2ee ?? EndToEnd, _time.GetUtcNow());

    [Fact]
    public void Accept_FirstDeviceWins_SecondIsRefused()
    {
        var call = NewCall();

        Assert.True(call.Accept("bob", "bob-laptop", _time.GetUtcNow()).IsSuccess);
        var second = call.Accept("bob", "bob-phone", _time.GetUtcNow());

        Assert.Equal(ErrorCodes.Call.WrongState, second.Error?.Code);
        Assert.Equal("bob-laptop", call.CalleeDeviceId);
        Assert.Equal(CallState.Connected, call.State);
    }

    [Fact]
    public void Accept_ByTheCaller_IsRefused()
    {
        var call = NewCall();

        Assert.Equal(ErrorCodes.Call.NotParty, call.Accept("alice", "alice-phone", _time.GetUtcNow()).Error?.Code);
        Assert.Equal(CallState.Ringing, call.State);
    }

    [Theory]
    [InlineData("decline", CallEndReason.Declined, false)]
    [InlineData("cancel", CallEndReason.Cancelled, true)]
    [InlineData("busy", CallEndReason.Busy, false)]
    [InlineData("callerHangsUp", CallEndReason.Cancelled, true)]
    [InlineData("calleeHangsUp", CallEndReason.Declined, false)]
    public void Ringing_Ends_WithReason(string action, CallEndReason reason, bool missed)
    {
        var call = NewCall();
        var now = _time.GetUtcNow();

        var result = action switch
        {
            "decline" => call.Decline("bob", now),
            "cancel" => call.Cancel("alice", now),
            "busy" => call.Busy(now),
            "callerHangsUp" => call.HangUp("alice", now),
            _ => call.HangUp("bob", now),
        };

        Assert.True(result.IsSuccess, result.Error?.ToString());
        Assert.Equal(CallState.Ended, call.State);
        Assert.Equal(reason, call.EndReason);
        Assert.Equal(missed, call.IsMissed);
    }

    [Fact]
    public void RingTimedOut_Before30Seconds_IsRefused_At30_EndsAsMissedNoAnswer()
    {
        var call = NewCall();

        _time.Advance(TimeSpan.FromSeconds(29.9));
        Assert.False(call.RingTimedOut(_time.GetUtcNow()).IsSuccess);
        _time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.True(call.RingTimedOut(_time.GetUtcNow()).IsSuccess);

        Assert.Equal(CallEndReason.NoAnswer, call.EndReason);
        Assert.True(call.IsMissed);
    }

    [Fact]
    public void Connected_HangUp_EndsOnce_ThenEveryTransitionIsRefused()
    {
        var call = NewCall();
        Assert.True(call.Accept("bob", "bob-phone", _time.GetUtcNow()).IsSuccess);
        _time.Advance(TimeSpan.FromSeconds(40));

        Assert.True(call.HangUp("bob", _time.GetUtcNow()).IsSuccess);

        Assert.Equal(CallEndReason.HungUp, call.EndReason);
        Assert.False(call.IsMissed);
        Assert.False(call.HangUp("alice", _time.GetUtcNow()).IsSuccess);
        Assert.False(call.Decline("bob", _time.GetUtcNow()).IsSuccess);
        Assert.False(call.Cancel("alice", _time.GetUtcNow()).IsSuccess);
        Assert.False(call.RingTimedOut(_time.GetUtcNow()).IsSuccess);
        Assert.Equal(CallEndReason.HungUp, call.EndReason);
    }

    [Fact]
    public void Connected_TimerFiringLate_DoesNotEndTheCall()
    {
        var call = NewCall();
        Assert.True(call.Accept("bob", "bob-phone", _time.GetUtcNow()).IsSuccess);
        _time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(ErrorCodes.Call.WrongState, call.RingTimedOut(_time.GetUtcNow()).Error?.Code);
        Assert.Equal(CallState.Connected, call.State);
    }

    [Fact]
    public void HangUp_ByStranger_IsRefused()
    {
        Assert.Equal(ErrorCodes.Call.NotParty, NewCall().HangUp("mallory", _time.GetUtcNow()).Error?.Code);
    }

    public static TheoryData<CallFeature> AllFeatures() => new(Enum.GetValues<CallFeature>());

    [Theory]
    [MemberData(nameof(AllFeatures))]
    public void Feature_InE2eeCall_IsRefusedWithE2eeActive_SayingToTurnItOff(CallFeature feature)
    {
        var call = NewCall(EndToEnd);
        Assert.True(call.Accept("bob", "d", _time.GetUtcNow()).IsSuccess);

        var answer = CallFeatures.Request(call, feature);

        Assert.Equal("call.e2ee_active", answer.Code);
        Assert.Contains("end-to-end encryption must be turned off", answer.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AllFeatures))]
    public void Feature_InStandardCall_AnswersNotAvailable(CallFeature feature)
    {
        var call = NewCall(Standard);
        Assert.True(call.Accept("bob", "d", _time.GetUtcNow()).IsSuccess);

        Assert.Equal("call.not_available", CallFeatures.Request(call, feature).Code);
    }
}
