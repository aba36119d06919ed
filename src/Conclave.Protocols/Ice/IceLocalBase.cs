using Conclave.Protocols.Net;

namespace Conclave.Protocols.Ice;

/// <summary>A socket the agent sends from (RFC 8445 §5.1.1: a candidate's base) with the candidate it stands for.</summary>
internal sealed class IceLocalBase(IDatagramSocket socket, IceCandidate candidate)
{
    public IDatagramSocket Socket { get; } = socket;

    public IceCandidate Candidate { get; } = candidate;
}
