namespace Conclave.Protocols.Net;

/// <summary>NAT behaviours of the <see cref="VirtualNetwork"/> (RFC 4787 terms, with the older RFC 3489 names).</summary>
public enum NatType
{
    /// <summary>Endpoint-independent mapping and filtering ("full cone").</summary>
    FullCone,

    /// <summary>Endpoint-independent mapping, address-dependent filtering ("address-restricted cone").</summary>
    AddressRestricted,

    /// <summary>Endpoint-independent mapping, address-and-port-dependent filtering ("port-restricted cone").</summary>
    PortRestricted,

    /// <summary>Address-and-port-dependent mapping and filtering ("symmetric").</summary>
    Symmetric,
}
