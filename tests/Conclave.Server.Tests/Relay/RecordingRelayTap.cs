using System.Collections.Concurrent;
using System.Net;
using Conclave.Server.Relay;

namespace Conclave.Server.Tests.Relay;

/// <summary>Keeps a copy of every payload the relay forwarded: what a relay operator could read.</summary>
internal sealed class RecordingRelayTap : IRelayTap
{
    private readonly ConcurrentQueue<RelayedDatagram> _datagrams = new();

    public IReadOnlyCollection<RelayedDatagram> Datagrams => _datagrams;

    public void Relayed(RelayDirection direction, IPEndPoint relayedEndPoint, ReadOnlySpan<byte> payload) =>
        _datagrams.Enqueue(new RelayedDatagram(direction, relayedEndPoint, payload.ToArray()));
}

internal sealed record RelayedDatagram(RelayDirection Direction, IPEndPoint RelayedEndPoint, byte[] Payload);
