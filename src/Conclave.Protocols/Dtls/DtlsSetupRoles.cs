namespace Conclave.Protocols.Dtls;

/// <summary>Maps <c>a=setup</c> values to DTLS roles (RFC 5763 §5, RFC 8842 §5).</summary>
public static class DtlsSetupRoles
{
    /// <summary>The SDP token for a setup value.</summary>
    public static string ToSdpValue(DtlsSetup setup) => setup switch
    {
        DtlsSetup.ActPass => "actpass",
        DtlsSetup.Active => "active",
        DtlsSetup.Passive => "passive",
        DtlsSetup.HoldConn => "holdconn",
        _ => throw new ArgumentOutOfRangeException(nameof(setup)),
    };

    /// <summary>Parses an <c>a=setup</c> value; tokens are case-insensitive (RFC 8866 §5.13 leaves case to the attribute; RFC 4145 uses lowercase).</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out DtlsSetup setup)
    {
        if (value.Equals("actpass", StringComparison.OrdinalIgnoreCase))
        {
            setup = DtlsSetup.ActPass;
        }
        else if (value.Equals("active", StringComparison.OrdinalIgnoreCase))
        {
            setup = DtlsSetup.Active;
        }
        else if (value.Equals("passive", StringComparison.OrdinalIgnoreCase))
        {
            setup = DtlsSetup.Passive;
        }
        else if (value.Equals("holdconn", StringComparison.OrdinalIgnoreCase))
        {
            setup = DtlsSetup.HoldConn;
        }
        else
        {
            setup = default;
            return false;
        }

        return true;
    }

    /// <summary>
    /// The value an answerer puts in its answer. RFC 8842 §5.3: an answer to <c>actpass</c> SHOULD be
    /// <c>active</c> (the answerer starts the handshake at once, saving a round trip).
    /// </summary>
    public static DtlsSetup AnswerTo(DtlsSetup offered) => offered switch
    {
        DtlsSetup.ActPass => DtlsSetup.Active,
        DtlsSetup.Active => DtlsSetup.Passive,
        DtlsSetup.Passive => DtlsSetup.Active,
        _ => DtlsSetup.HoldConn,
    };

    /// <summary>
    /// Our DTLS role once both values are known: the side that ends up <c>active</c> is the client.
    /// Returns false when the pair is not a valid negotiation (both active, both passive, or holdconn).
    /// </summary>
    public static bool TryResolveLocalRole(DtlsSetup local, DtlsSetup remote, out DtlsRole role)
    {
        role = default;
        switch (local, remote)
        {
            case (DtlsSetup.Active, DtlsSetup.Passive or DtlsSetup.ActPass):
                role = DtlsRole.Client;
                return true;
            case (DtlsSetup.Passive, DtlsSetup.Active or DtlsSetup.ActPass):
                role = DtlsRole.Server;
                return true;
            case (DtlsSetup.ActPass, DtlsSetup.Active):
                role = DtlsRole.Server;
                return true;
            case (DtlsSetup.ActPass, DtlsSetup.Passive):
                role = DtlsRole.Client;
                return true;
            default:
                return false;
        }
    }
}
