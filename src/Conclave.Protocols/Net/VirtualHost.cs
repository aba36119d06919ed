using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>A host on the <see cref="VirtualNetwork"/> with one address, optionally behind a <see cref="VirtualNat"/>.</summary>
public sealed class VirtualHost : INetwork
{
    private readonly VirtualNetwork _network;

    internal VirtualHost(VirtualNetwork network, IPAddress address, VirtualNat? nat)
    {
        _network = network;
        Address = address;
        Nat = nat;
    }

    public IPAddress Address { get; }

    public VirtualNat? Nat { get; }

    public ValueTask<IDatagramSocket> BindAsync(IPEndPoint localEndPoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IDatagramSocket>(_network.Bind(this, localEndPoint.Port));

    public IReadOnlyList<IPAddress> GetLocalAddresses() => [Address];
}
