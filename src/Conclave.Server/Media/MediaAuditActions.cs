namespace Conclave.Server.Media;

/// <summary>Audit action names of the media processor. Details hold the call, device and port, never SDP, fingerprints or keys.</summary>
public static class MediaAuditActions
{
    public const string LegOpened = "media.leg.opened";
    public const string LegClosed = "media.leg.closed";
}
