namespace Conclave.Server.Audit;

public enum AuditOutcome
{
    Success,
    Failure,
    Denied,
}
