using Conclave.Server.Relay;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Calls;

/// <summary>
/// The ICE servers one call hands a user: Conclave's relay URIs (configured, or else those of the relay
/// running in this process) and any configured extra TURN URIs with
/// short-lived TURN REST credentials (username <c>expiry:userId</c>, HMAC password under the relay's
/// newest secret, see <see cref="TurnCredentials"/>), plus configured STUN URIs.
/// </summary>
/// <remarks>
/// The relay's options are read through <see cref="IOptions{TOptions}"/>, the same cached instance the relay
/// runs with: a per-process secret generated when none is configured is then the one the relay checks.
/// </remarks>
public sealed class IceServerIssuer(IOptions<RelayOptions> relay, TurnCredentialIssuer relayUris, IOptionsMonitor<CallOptions> calls, TimeProvider time)
{
    public IReadOnlyList<IceServerInfo> For(string userId)
    {
        var relayOptions = relay.Value;
        var callOptions = calls.CurrentValue;
        var servers = new List<IceServerInfo>();
        var turnUris = (relayOptions.Enabled ? relayUris.RelayUris(requestHost: null) : []).Concat(callOptions.TurnUris).ToList();
        if (turnUris.Count > 0 && relayOptions.Secrets.Count > 0)
        {
            var credentials = TurnCredentials.Create(
                userId, callOptions.TurnCredentialLifetime, relayOptions.Secrets[0], time, turnUris, relayOptions.CredentialHashAlgorithm);
            servers.Add(new IceServerInfo(turnUris, credentials.Username, credentials.Password));
        }

        if (callOptions.StunUris.Count > 0)
        {
            servers.Add(new IceServerInfo([.. callOptions.StunUris], null, null));
        }

        return servers;
    }
}
