using Conclave.Domain.Policies.Questions;

namespace Conclave.Domain.Calls;

/// <summary>
/// What eligibility needs to know about one party: the policy engine's answer for the user's E2EE-calls
/// setting (<see cref="E2eeQuestions.EffectiveE2eeCallSetting(Guid)"/>) and whether the device in the call is capable.
/// </summary>
public sealed record E2eeParty(string Name, E2eeSettingAnswer Setting, bool DeviceCapable);
