namespace Conclave.Domain.Policies.Questions;

/// <summary>What a user may do about end-to-end encryption of calls or meetings.</summary>
public enum E2eeMode
{
    /// <summary>Never end-to-end encrypted; the user has no switch.</summary>
    Disabled,

    /// <summary>Off unless the user turns it on (Teams' <c>DisabledUserOverride</c>).</summary>
    UserMayEnable,

    /// <summary>On unless the user turns it off (Conclave's <c>EnabledUserOverride</c>).</summary>
    OnByDefaultUserMayDisable,

    /// <summary>Always on; what cannot be end-to-end encrypted is refused (Conclave's <c>Required</c>).</summary>
    Required,
}

/// <summary>Why an E2EE answer is what it is.</summary>
public enum E2eeReason
{
    /// <summary>The effective enhanced encryption policy says so.</summary>
    Policy,

    /// <summary>The user's own switch, where the policy lets the user choose.</summary>
    UserChoice,

    /// <summary>The policy's default, where the user has not chosen.</summary>
    PolicyDefault,

    /// <summary>
    /// The user is under an enabled compliance recording policy: recording needs the media, so E2EE
    /// is unavailable whatever the encryption policy says.
    /// </summary>
    ComplianceRecording,
}

/// <summary>An E2EE mode answer with its reason and the policy it came from.</summary>
public readonly record struct E2eeModeAnswer(E2eeMode Mode, E2eeReason Reason, Policy Policy);

/// <summary>Whether a user's calls are end-to-end encrypted now, and why.</summary>
public readonly record struct E2eeSettingAnswer(bool On, E2eeReason Reason, E2eeMode Mode);
