namespace Conclave.Protocols.Sdp;

/// <summary><c>a=msid:&lt;stream id&gt;[ &lt;track id&gt;]</c> (RFC 8830 §2); stream id "-" means no stream.</summary>
public sealed record SdpMsid(string StreamId, string? TrackId = null)
{
    public static bool TryParse(string? value, out SdpMsid? msid)
    {
        msid = null;
        string[] parts = value?.Split(' ') ?? [];
        if (parts.Length is < 1 or > 2 || !SdpText.IsToken(parts[0]) || (parts.Length == 2 && !SdpText.IsToken(parts[1])))
        {
            return false;
        }

        msid = new SdpMsid(parts[0], parts.Length == 2 ? parts[1] : null);
        return true;
    }

    public override string ToString() => TrackId is null ? StreamId : StreamId + " " + TrackId;
}
