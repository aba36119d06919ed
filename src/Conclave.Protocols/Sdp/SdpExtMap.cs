using System.Globalization;

namespace Conclave.Protocols.Sdp;

/// <summary><c>a=extmap:&lt;id&gt;[/&lt;direction&gt;] &lt;URI&gt;[ &lt;attributes&gt;]</c> (RFC 8285 §8).</summary>
public sealed record SdpExtMap(int Id, string Uri, string? Direction = null, string? Attributes = null)
{
    /// <summary>RFC 8285 §5: ids 1–14 fit the one-byte form, up to 255 the two-byte form.</summary>
    public const int MaxId = 255;

    public static bool TryParse(string? value, out SdpExtMap? extMap)
    {
        extMap = null;
        string[] parts = value?.Split(' ', 3) ?? [];
        if (parts.Length < 2 || parts[1].Length == 0)
        {
            return false;
        }

        string[] idAndDirection = parts[0].Split('/');
        if (idAndDirection.Length > 2 || !SdpText.TryParseUInt32(idAndDirection[0], out uint id) || id is 0 or > MaxId)
        {
            return false;
        }

        string? direction = idAndDirection.Length == 2 ? idAndDirection[1] : null;
        if (direction is not (null or "sendrecv" or "sendonly" or "recvonly" or "inactive"))
        {
            return false;
        }

        extMap = new SdpExtMap((int)id, parts[1], direction, parts.Length == 3 ? parts[2] : null);
        return true;
    }

    public override string ToString() =>
        Id.ToString(CultureInfo.InvariantCulture) + (Direction is null ? string.Empty : "/" + Direction) + " " + Uri +
        (Attributes is null ? string.Empty : " " + Attributes);
}
