using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>
/// A NAT in the <see cref="VirtualNetwork"/>: translates the private source of outgoing datagrams to
/// its public address and admits incoming ones according to its <see cref="NatType"/> (RFC 4787 §4, §5).
/// </summary>
public sealed class VirtualNat
{
    private readonly Dictionary<(IPEndPoint Private, IPEndPoint? Destination), Mapping> _byPrivate = [];
    private readonly Dictionary<int, Mapping> _byPort = [];
    private int _nextPort = 40000;

    internal VirtualNat(IPAddress publicAddress, NatType type)
    {
        PublicAddress = publicAddress;
        Type = type;
    }

    public IPAddress PublicAddress { get; }

    public NatType Type { get; }

    /// <summary>Number of mappings made so far (a symmetric NAT makes one per destination).</summary>
    public int MappingCount => _byPort.Count;

    internal IPEndPoint Outbound(IPEndPoint source, IPEndPoint destination)
    {
        // RFC 4787 §4.1: endpoint-independent mapping reuses one public port for every destination;
        // a symmetric NAT keys the mapping on the destination too.
        var key = (source, Type == NatType.Symmetric ? destination : null);
        if (!_byPrivate.TryGetValue(key, out var mapping))
        {
            mapping = new Mapping(source, new IPEndPoint(PublicAddress, _nextPort++));
            _byPrivate[key] = mapping;
            _byPort[mapping.Public.Port] = mapping;
        }

        mapping.Contacted.Add(destination);
        return mapping.Public;
    }

    internal IPEndPoint? Inbound(int publicPort, IPEndPoint source)
    {
        if (!_byPort.TryGetValue(publicPort, out var mapping))
        {
            return null;
        }

        // RFC 4787 §5: filtering.
        var admitted = Type switch
        {
            NatType.FullCone => true,
            NatType.AddressRestricted => mapping.Contacted.Any(c => c.Address.Equals(source.Address)),
            _ => mapping.Contacted.Contains(source),
        };
        return admitted ? mapping.Private : null;
    }

    private sealed class Mapping(IPEndPoint privateEndPoint, IPEndPoint publicEndPoint)
    {
        public IPEndPoint Private { get; } = privateEndPoint;

        public IPEndPoint Public { get; } = publicEndPoint;

        public HashSet<IPEndPoint> Contacted { get; } = [];
    }
}
