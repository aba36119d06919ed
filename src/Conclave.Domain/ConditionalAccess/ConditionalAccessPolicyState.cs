namespace Conclave.Domain.ConditionalAccess;

/// <summary>Entra's policy states: on, off, or evaluated and recorded without being enforced.</summary>
public enum ConditionalAccessPolicyState
{
    Enabled,
    Disabled,
    ReportOnly,
}
