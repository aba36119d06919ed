namespace Conclave.Domain.Calls;

/// <summary>Which end of a one-to-one call: the person who placed it or the person called.</summary>
public enum CallSide
{
    Caller,
    Callee,
}
