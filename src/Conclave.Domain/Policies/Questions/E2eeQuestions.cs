using Conclave.Domain.Common;
using Conclave.Domain.Policies.Schema;

namespace Conclave.Domain.Policies.Questions;

/// <summary>
/// The E2EE questions calls, meetings and the settings page ask. No caller reads
/// <c>CallingEndtoEndEncryptionEnabledType</c> itself.
/// </summary>
public sealed class E2eeQuestions
{
    private static readonly PolicyParameter Calling = PolicyTypes.TeamsEnhancedEncryptionPolicy.FindParameter("CallingEndtoEndEncryptionEnabledType")!;
    private static readonly PolicyParameter Meeting = PolicyTypes.TeamsEnhancedEncryptionPolicy.FindParameter("MeetingEndToEndEncryption")!;
    private readonly PolicyDirectory _directory;

    internal E2eeQuestions(PolicyDirectory directory) => _directory = directory;

    /// <summary>What the user may do about E2EE in 1:1 calls.</summary>
    public E2eeModeAnswer CallingModeFor(Guid user) => ModeFor(user, Calling);

    /// <summary>What the user may do about E2EE in meetings they organise.</summary>
    public E2eeModeAnswer MeetingModeFor(Guid user) => ModeFor(user, Meeting);

    /// <summary>Whether the settings page shows the user a working E2EE-calls switch.</summary>
    public bool CanUserChangeE2eeSetting(Guid user) => IsUserChoice(CallingModeFor(user).Mode);

    /// <summary>Whether the user's calls are end-to-end encrypted, from the policy and the stored switch.</summary>
    public E2eeSettingAnswer EffectiveE2eeCallSetting(Guid user) =>
        EffectiveE2eeCallSetting(CallingModeFor(user), _directory.GetE2eeCallSetting(user));

    /// <summary>
    /// The rule on its own: Disabled is off; UserMayEnable follows an explicit On; OnByDefault…
    /// follows an explicit Off; Required is on; compliance recording is off whatever was chosen.
    /// </summary>
    public static E2eeSettingAnswer EffectiveE2eeCallSetting(E2eeModeAnswer mode, E2eeUserSetting userSetting) => mode.Mode switch
    {
        E2eeMode.UserMayEnable => userSetting == E2eeUserSetting.Unset
            ? new(false, E2eeReason.PolicyDefault, mode.Mode)
            : new(userSetting == E2eeUserSetting.On, E2eeReason.UserChoice, mode.Mode),
        E2eeMode.OnByDefaultUserMayDisable => userSetting == E2eeUserSetting.Unset
            ? new(true, E2eeReason.PolicyDefault, mode.Mode)
            : new(userSetting == E2eeUserSetting.On, E2eeReason.UserChoice, mode.Mode),
        E2eeMode.Required => new(true, E2eeReason.Policy, mode.Mode),
        _ => new(false, mode.Reason, mode.Mode),
    };

    /// <summary>
    /// The user flips the E2EE-calls switch. Refused with <c>policy.setting_locked</c> unless the
    /// effective policy lets the user choose; the stored value is kept when the policy later
    /// changes, and counts again if the user may choose again.
    /// </summary>
    public Result<PolicyChange> SetE2eeCallSetting(Guid user, E2eeUserSetting setting)
    {
        var mode = CallingModeFor(user);
        if (!IsUserChoice(mode.Mode))
        {
            return PolicyErrors.SettingLocked(mode.Reason == E2eeReason.ComplianceRecording
                ? "End-to-end encrypted calls are unavailable: your calls are recorded for compliance."
                : $"Your organisation's policy ({mode.Policy.Identity}: CallingEndtoEndEncryptionEnabledType {Calling.Format(mode.Policy[Calling])}) does not let you change this setting.");
        }

        return _directory.StoreE2eeCallSetting(user, setting);
    }

    private E2eeModeAnswer ModeFor(Guid user, PolicyParameter parameter)
    {
        var effective = _directory.Resolve(user, PolicyTypes.TeamsEnhancedEncryptionPolicy);
        if (_directory.Compliance.IsUnderComplianceRecording(user))
        {
            return new(E2eeMode.Disabled, E2eeReason.ComplianceRecording, effective.Policy);
        }

        var mode = effective.Policy.GetEnum<EnhancedEncryptionMode>(parameter) switch
        {
            EnhancedEncryptionMode.DisabledUserOverride => E2eeMode.UserMayEnable,
            EnhancedEncryptionMode.EnabledUserOverride => E2eeMode.OnByDefaultUserMayDisable,
            EnhancedEncryptionMode.Required => E2eeMode.Required,
            _ => E2eeMode.Disabled,
        };
        return new(mode, E2eeReason.Policy, effective.Policy);
    }

    private static bool IsUserChoice(E2eeMode mode) => mode is E2eeMode.UserMayEnable or E2eeMode.OnByDefaultUserMayDisable;
}
