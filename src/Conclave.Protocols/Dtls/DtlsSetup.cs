namespace Conclave.Protocols.Dtls;

/// <summary>The SDP <c>a=setup</c> attribute (RFC 4145 §4, as used for DTLS by RFC 5763 §5 and RFC 8842 §5).</summary>
public enum DtlsSetup
{
    /// <summary><c>actpass</c>: offerer's usual choice; the answerer picks the role.</summary>
    ActPass,

    /// <summary><c>active</c>: this side opens the connection, i.e. is the DTLS client.</summary>
    Active,

    /// <summary><c>passive</c>: this side waits, i.e. is the DTLS server.</summary>
    Passive,

    /// <summary><c>holdconn</c>: no connection for now.</summary>
    HoldConn,
}
