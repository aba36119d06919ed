using System.Text;
using Conclave.Protocols.Ice;

namespace Conclave.Fuzz.Targets;

/// <summary>a=candidate lines from a peer's SDP: parse, and what parsed must format and parse again to the same candidate.</summary>
public sealed class IceCandidateTarget : IFuzzTarget
{
    public string Name => "ice-candidate";

    public void Run(ReadOnlySpan<byte> data)
    {
        var line = Encoding.UTF8.GetString(data);
        if (!IceCandidate.TryParse(line, out var candidate))
        {
            return;
        }

        if (!IceCandidate.TryParse(candidate.ToString(), out var again) || !again.Address.Equals(candidate.Address) || again.Priority != candidate.Priority)
        {
            throw new InvalidOperationException("A parsed candidate must round-trip.");
        }
    }
}
