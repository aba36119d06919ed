namespace Conclave.Server.Relay;

/// <summary>Why a request was refused; each maps to one STUN error code.</summary>
public enum RelayRefusal
{
    /// <summary>400: malformed or missing attributes, bad channel number.</summary>
    BadRequest,

    /// <summary>401: no or wrong credentials, expired credentials.</summary>
    Unauthorized,

    /// <summary>403: peer address not allowed.</summary>
    Forbidden,

    /// <summary>420: unknown comprehension-required attribute.</summary>
    UnknownAttribute,

    /// <summary>437: allocation mismatch.</summary>
    AllocationMismatch,

    /// <summary>438: stale nonce.</summary>
    StaleNonce,

    /// <summary>440: address family not supported.</summary>
    AddressFamilyNotSupported,

    /// <summary>441: credentials differ from the allocation's.</summary>
    WrongCredentials,

    /// <summary>442: transport other than UDP.</summary>
    UnsupportedTransport,

    /// <summary>486: allocation quota reached.</summary>
    QuotaReached,

    /// <summary>508: no relay port or allocation left.</summary>
    InsufficientCapacity,

    /// <summary>Dropped without answer: unauthenticated request rate exceeded.</summary>
    RateLimited,
}
