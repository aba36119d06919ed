namespace Conclave.Protocols.Dtls;

/// <summary>What the client or server callbacks learned during one handshake; read after it ends.</summary>
internal sealed class DtlsHandshakeOutcome
{
    public DtlsSrtpError Error { get; set; }

    public short? AlertReceived { get; set; }

    public bool CloseNotifyReceived { get; set; }

    public DtlsSrtpKeys? Keys { get; set; }

    public DtlsFingerprint? RemoteFingerprint { get; set; }

    public void Fail(DtlsSrtpError error)
    {
        if (Error == DtlsSrtpError.None)
        {
            Error = error;
        }
    }
}
