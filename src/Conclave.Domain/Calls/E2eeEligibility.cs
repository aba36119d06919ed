using Conclave.Domain.Policies.Questions;

namespace Conclave.Domain.Calls;

/// <summary>
/// Decides whether a call is end-to-end encrypted, from both parties' policy answers, their devices and
/// the kind of call. Every failing condition is reported, naming whose side it is. A party whose policy is
/// <see cref="E2eeMode.Required"/> gets no standard call: the call is refused with the reasons.
/// </summary>
public static class E2eeEligibility
{
    public static E2eeDecision Decide(E2eeParty caller, E2eeParty callee, CallKind kind = CallKind.OneToOne)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(callee);
        var reasons = new List<E2eeIneligibility>();
        if (kind == CallKind.Pstn)
        {
            reasons.Add(new(E2eeIneligibilityCode.Pstn, null, "The call reaches the telephone network, which cannot be end-to-end encrypted."));
        }
        else if (kind == CallKind.Group)
        {
            reasons.Add(new(E2eeIneligibilityCode.NotOneToOne, null, "Only one-to-one calls are end-to-end encrypted."));
        }

        AddPartyReasons(reasons, CallSide.Caller, caller);
        AddPartyReasons(reasons, CallSide.Callee, callee);
        var required = caller.Setting.Mode == E2eeMode.Required || callee.Setting.Mode == E2eeMode.Required;
        return new E2eeDecision(reasons.Count == 0, reasons, Refused: required && reasons.Count > 0);
    }

    private static void AddPartyReasons(List<E2eeIneligibility> reasons, CallSide side, E2eeParty party)
    {
        var who = $"{(side == CallSide.Caller ? "Caller" : "Callee")} {party.Name}";
        if (!party.Setting.On)
        {
            if (party.Setting.Reason == E2eeReason.ComplianceRecording)
            {
                reasons.Add(new(E2eeIneligibilityCode.ComplianceRecording, side, $"{who}: calls are recorded for compliance, so they cannot be end-to-end encrypted."));
            }
            else if (party.Setting.Mode == E2eeMode.Disabled)
            {
                reasons.Add(new(E2eeIneligibilityCode.PolicyDisabled, side, $"{who}: the organisation's policy does not allow end-to-end encrypted calls."));
            }
            else
            {
                reasons.Add(new(E2eeIneligibilityCode.UserSettingOff, side, $"{who}: the end-to-end encrypted calls setting is off."));
            }
        }

        if (!party.DeviceCapable)
        {
            reasons.Add(new(E2eeIneligibilityCode.DeviceNotCapable, side, $"{who}: this device cannot make end-to-end encrypted calls."));
        }
    }
}
