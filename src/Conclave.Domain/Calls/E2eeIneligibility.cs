namespace Conclave.Domain.Calls;

/// <summary>Why a call cannot be end-to-end encrypted. Stable names: clients branch on them.</summary>
public enum E2eeIneligibilityCode
{
    /// <summary>The party's effective enhanced encryption policy disables E2EE calls.</summary>
    PolicyDisabled,

    /// <summary>The policy lets the party choose, and the party's E2EE-calls setting is off.</summary>
    UserSettingOff,

    /// <summary>The party's device did not register as E2EE-capable.</summary>
    DeviceNotCapable,

    /// <summary>The party is under a compliance recording policy, which needs the media.</summary>
    ComplianceRecording,

    /// <summary>The call reaches the telephone network, where no endpoint can hold the keys.</summary>
    Pstn,

    /// <summary>Not a one-to-one call (a group call or a meeting).</summary>
    NotOneToOne,
}

/// <summary>One reason a call is not end-to-end encrypted, with whose side it is (null: the call itself).</summary>
public sealed record E2eeIneligibility(E2eeIneligibilityCode Code, CallSide? Side, string Message);
