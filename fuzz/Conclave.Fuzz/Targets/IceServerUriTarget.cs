using System.Text;
using Conclave.Client.Calls;

namespace Conclave.Fuzz.Targets;

/// <summary>stun:/turn: URIs from the call hub's iceServers: parse without throwing; what parsed has a usable port and host.</summary>
public sealed class IceServerUriTarget : IFuzzTarget
{
    public string Name => "ice-server-uri";

    public void Run(ReadOnlySpan<byte> data)
    {
        if (!IceServerParser.TryParseUri(Encoding.UTF8.GetString(data), out var uri))
        {
            return;
        }

        if (uri.Port is <= 0 or > 65535 || uri.Host.Length == 0 || uri.Scheme is not ("stun" or "turn"))
        {
            throw new InvalidOperationException("A parsed ICE server URI must have a scheme, a host and a valid port.");
        }
    }
}
