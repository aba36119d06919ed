using System.Globalization;
using System.Net;
using System.Text;

namespace Conclave.Protocols.Ice;

/// <summary>
/// An ICE candidate and its SDP form (RFC 8839 §5.1):
/// <c>candidate:foundation component transport priority address port typ type [raddr a rport p] *(name value)</c>.
/// </summary>
public sealed record IceCandidate(
    string Foundation,
    int Component,
    string Transport,
    uint Priority,
    IPEndPoint Address,
    IceCandidateType Type,
    IPEndPoint? RelatedAddress = null)
{
    /// <summary>Extension attributes after the type (generation, ufrag, network-id...), kept for round-trips.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Extensions { get; init; } = [];

    public static string TypeName(IceCandidateType type) => type switch
    {
        IceCandidateType.Host => "host",
        IceCandidateType.ServerReflexive => "srflx",
        IceCandidateType.PeerReflexive => "prflx",
        _ => "relay",
    };

    /// <summary>Parses the attribute value, with or without the leading <c>a=</c> and <c>candidate:</c>.</summary>
    public static bool TryParse(string line, out IceCandidate candidate)
    {
        candidate = null!;
        var text = line.Trim();
        if (text.StartsWith("a=", StringComparison.Ordinal))
        {
            text = text[2..];
        }

        if (text.StartsWith("candidate:", StringComparison.OrdinalIgnoreCase))
        {
            text = text[10..];
        }

        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 8 || !string.Equals(parts[6], "typ", StringComparison.Ordinal))
        {
            return false;
        }

        if (parts[0].Length is 0 or > 32 ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var component) || component is < 1 or > 256 ||
            !uint.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var priority) ||
            !IPAddress.TryParse(parts[4], out var address) ||
            !int.TryParse(parts[5], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            return false;
        }

        IceCandidateType type;
        switch (parts[7])
        {
            case "host": type = IceCandidateType.Host; break;
            case "srflx": type = IceCandidateType.ServerReflexive; break;
            case "prflx": type = IceCandidateType.PeerReflexive; break;
            case "relay": type = IceCandidateType.Relayed; break;
            default: return false;
        }

        IPAddress? relatedAddress = null;
        var relatedPort = -1;
        var extensions = new List<KeyValuePair<string, string>>();
        for (var i = 8; i + 1 < parts.Length; i += 2)
        {
            switch (parts[i])
            {
                case "raddr" when IPAddress.TryParse(parts[i + 1], out var ra):
                    relatedAddress = ra;
                    break;
                case "rport" when int.TryParse(parts[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var rp) && rp <= 65535:
                    relatedPort = rp;
                    break;
                case "raddr" or "rport":
                    return false;
                default:
                    extensions.Add(new(parts[i], parts[i + 1]));
                    break;
            }
        }

        candidate = new IceCandidate(parts[0], component, parts[2].ToLowerInvariant(), priority, new IPEndPoint(address, port), type,
            relatedAddress is not null && relatedPort >= 0 ? new IPEndPoint(relatedAddress, relatedPort) : null)
        {
            Extensions = extensions,
        };
        return true;
    }

    /// <summary>The attribute value, starting with <c>candidate:</c> (without <c>a=</c>).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"candidate:{Foundation} {Component} {Transport} {Priority} {Address.Address} {Address.Port} typ {TypeName(Type)}");
        if (RelatedAddress is not null)
        {
            sb.Append(CultureInfo.InvariantCulture, $" raddr {RelatedAddress.Address} rport {RelatedAddress.Port}");
        }

        foreach (var (key, value) in Extensions)
        {
            sb.Append(' ').Append(key).Append(' ').Append(value);
        }

        return sb.ToString();
    }
}
