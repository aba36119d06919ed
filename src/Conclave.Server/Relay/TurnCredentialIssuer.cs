using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Relay;

/// <summary>
/// Hands a signed-in user short-lived TURN credentials (<see cref="TurnCredentials"/>) and the URIs
/// of the relay to use them on. Used by <c>GET /api/me/turn-credentials</c> and by call signaling.
/// </summary>
public sealed class TurnCredentialIssuer
{
    private readonly RelayOptions _options;
    private readonly TimeProvider _time;
    private readonly RelayHostedService _relay;

    internal TurnCredentialIssuer(IOptions<RelayOptions> options, TimeProvider time, RelayHostedService relay)
    {
        _options = options.Value;
        _time = time;
        _relay = relay;
    }

    /// <summary>
    /// Credentials for <paramref name="userId"/> valid for <see cref="RelayOptions.CredentialLifetime"/>,
    /// or null when there is no relay to use them on (none configured in <see cref="RelayOptions.Uris"/>
    /// and none running in this process). <paramref name="requestHost"/> is the host name the client
    /// reached the API by; it names the in-process relay when it listens on every address.
    /// </summary>
    public TurnCredentials? Issue(string userId, string requestHost)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var uris = RelayUris(requestHost);
        if (uris.Count == 0 || _options.Secrets.Count == 0)
        {
            return null;
        }

        return TurnCredentials.Create(userId, _options.CredentialLifetime, _options.Secrets[0], _time, uris, _options.CredentialHashAlgorithm);
    }

    /// <summary>
    /// The relay URIs clients are handed: the configured <see cref="RelayOptions.Uris"/>, or else those of
    /// the relay running in this process. A listener on every address is named by
    /// <see cref="RelayOptions.RelayAddress"/> when set, else by <paramref name="requestHost"/>, else left out.
    /// </summary>
    internal List<string> RelayUris(string? requestHost) =>
        _options.Uris.Count > 0 ? [.. _options.Uris] : LocalUris(_options.RelayAddress ?? requestHost);

    /// <summary>RFC 7065 URIs of the relay running in this process, for each listener it has a name for.</summary>
    private List<string> LocalUris(string? requestHost)
    {
        var uris = new List<string>();
        if (_relay.Server is not { } server)
        {
            return uris;
        }

        Add("turn", server.UdpEndPoint, "udp");
        Add("turn", server.TcpEndPoint, "tcp");
        Add("turns", server.TlsEndPoint, "tcp");
        return uris;

        void Add(string scheme, IPEndPoint? listener, string transport)
        {
            if (listener is not null && Host(listener, requestHost) is { } host)
            {
                uris.Add($"{scheme}:{host}:{listener.Port.ToString(CultureInfo.InvariantCulture)}?transport={transport}");
            }
        }
    }

    private static string? Host(IPEndPoint listener, string? requestHost)
    {
        if (listener.Address.Equals(IPAddress.Any) || listener.Address.Equals(IPAddress.IPv6Any))
        {
            return requestHost;
        }

        // RFC 7065 §3.1: an IPv6 literal is written in brackets.
        return listener.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{listener.Address}]"
            : listener.Address.ToString();
    }
}
