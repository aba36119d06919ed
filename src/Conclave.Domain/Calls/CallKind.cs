namespace Conclave.Domain.Calls;

/// <summary>What a call connects: two Conclave users, a telephone number, or more people.</summary>
public enum CallKind
{
    OneToOne,
    Pstn,
    Group,
}
