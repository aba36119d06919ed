using System.Globalization;
using System.Net;
using Conclave.Protocols.Ice;

namespace Conclave.Client.Calls;

/// <summary>
/// Turns RTCConfiguration-style ICE servers into what the media layer's ICE agent takes: STUN servers
/// and UDP TURN servers as addresses (RFC 7064 stun: and RFC 7065 turn: URIs; other transports are skipped).
/// </summary>
public static class IceServerParser
{
    public static (IReadOnlyList<IPEndPoint> Stun, IReadOnlyList<IceTurnServer> Turn) Parse(IEnumerable<IceServerInfo> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        var stun = new List<IPEndPoint>();
        var turn = new List<IceTurnServer>();
        foreach (var server in servers)
        {
            foreach (var url in server.Urls)
            {
                if (!TryParseUri(url, out var uri) || !TryResolve(uri, out var endPoint))
                {
                    continue;
                }

                if (uri.Scheme == "stun")
                {
                    stun.Add(endPoint);
                }
                else if (uri.Scheme == "turn" && uri.Transport == "udp" && server.Username is { } user && server.Credential is { } password)
                {
                    turn.Add(new IceTurnServer(endPoint, user, password));
                }
            }
        }

        return (stun, turn);
    }

    /// <summary>
    /// Parses <c>stun:host[:port]</c> or <c>turn:host[:port][?transport=udp|tcp]</c> without resolving the
    /// host; false for anything else. Never throws: the text comes from the network.
    /// </summary>
    public static bool TryParseUri(string? uri, out IceServerUri parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(uri) || uri.Length > MaxUriLength)
        {
            return false;
        }

        var colon = uri.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var scheme = uri[..colon].ToLowerInvariant();
        if (scheme is not ("stun" or "turn"))
        {
            return false;
        }

        var transport = "udp";
        var rest = uri[(colon + 1)..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            var parameters = rest[(query + 1)..];
            rest = rest[..query];
            if (parameters.StartsWith("transport=", StringComparison.OrdinalIgnoreCase))
            {
                transport = parameters["transport=".Length..].ToLowerInvariant();
            }
        }

        // RFC 7064 §3.1 / RFC 7065 §3.1: default port 3478.
        var port = 3478;
        var host = rest;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = rest[1..close];
            if (close + 1 < rest.Length && (rest[close + 1] != ':' || !int.TryParse(rest.AsSpan(close + 2), NumberStyles.None, CultureInfo.InvariantCulture, out port)))
            {
                return false;
            }
        }
        else if (rest.LastIndexOf(':') is var portColon and >= 0)
        {
            host = rest[..portColon];
            if (!int.TryParse(rest.AsSpan(portColon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out port))
            {
                return false;
            }
        }

        if (port is <= 0 or > 65535 || host.Length == 0)
        {
            return false;
        }

        parsed = new IceServerUri(scheme, host, port, transport);
        return true;
    }

    /// <summary>RFC 1035 limits a name to 255 octets; URIs far longer are not ICE server URIs.</summary>
    public const int MaxUriLength = 512;

    private static bool TryResolve(IceServerUri uri, out IPEndPoint endPoint)
    {
        endPoint = new IPEndPoint(IPAddress.None, 0);
        if (!IPAddress.TryParse(uri.Host, out var address))
        {
            try
            {
                address = Dns.GetHostAddresses(uri.Host).FirstOrDefault();
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException or ArgumentException)
            {
                return false;
            }

            if (address is null)
            {
                return false;
            }
        }

        endPoint = new IPEndPoint(address, uri.Port);
        return true;
    }
}

/// <summary>A parsed <c>stun:</c> or <c>turn:</c> URI (RFC 7064, RFC 7065); the host is not resolved.</summary>
public readonly record struct IceServerUri(string Scheme, string Host, int Port, string Transport);
