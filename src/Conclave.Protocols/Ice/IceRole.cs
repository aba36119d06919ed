namespace Conclave.Protocols.Ice;

/// <summary>The agent's role (RFC 8445 §6.1.1): the controlling agent nominates.</summary>
public enum IceRole
{
    Controlling,
    Controlled,
}
