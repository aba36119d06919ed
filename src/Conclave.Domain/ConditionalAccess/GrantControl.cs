namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// One grant control, in the order the evaluation reports a failing one: a block is final; otherwise every control
/// of a policy must be met (Entra's "require all the selected controls").
/// </summary>
public enum GrantControl
{
    Block,
    RequireMfa,
    RequireCompliantDevice,
}
