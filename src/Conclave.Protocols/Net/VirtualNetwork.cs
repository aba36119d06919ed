using System.Net;

namespace Conclave.Protocols.Net;

/// <summary>
/// A deterministic in-memory IP network for tests: hosts with addresses, NATs of each RFC 4787
/// behaviour, and configurable latency, jitter (which reorders) and loss drawn from a seeded
/// generator. Delivery runs on the given <see cref="TimeProvider"/>, so a fake clock drives it.
/// </summary>
public sealed class VirtualNetwork
{
    private readonly TimeProvider _time;
    private readonly DeterministicRandom _random;
    private readonly Lock _lock = new();
    private readonly Dictionary<IPEndPoint, VirtualSocket> _sockets = [];
    private readonly Dictionary<IPAddress, VirtualNat> _nats = [];
    private readonly PriorityQueue<(VirtualSocket Target, byte[] Data, IPEndPoint From), (long Due, long Sequence)> _inFlight = new();
    private readonly ITimer _timer;
    private long _sequence;
    private int _nextPort = 10000;

    public VirtualNetwork(TimeProvider timeProvider, int seed = 1)
    {
        _time = timeProvider;
        _random = new DeterministicRandom((ulong)seed);
        _timer = _time.CreateTimer(_ => DeliverDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>One-way delay of every datagram. Default 1 ms.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(1);

    /// <summary>Extra uniform random delay in [0, Jitter); a jitter above the send interval reorders datagrams.</summary>
    public TimeSpan Jitter { get; set; }

    /// <summary>Probability in [0, 1] that a datagram is dropped.</summary>
    public double LossRate { get; set; }

    /// <summary>When set, datagrams for which it returns false are dropped (source after NAT, destination before NAT).</summary>
    public Func<IPEndPoint, IPEndPoint, ReadOnlyMemory<byte>, bool>? Filter { get; set; }

    public long Delivered { get; private set; }

    public long Dropped { get; private set; }

    /// <summary>A host reachable at <paramref name="address"/> with no NAT in front of it.</summary>
    public VirtualHost AddHost(IPAddress address) => new(this, address, null);

    /// <summary>A host with a private <paramref name="address"/> behind <paramref name="nat"/>.</summary>
    public VirtualHost AddHost(IPAddress address, VirtualNat nat) => new(this, address, nat);

    public VirtualNat AddNat(IPAddress publicAddress, NatType type)
    {
        var nat = new VirtualNat(publicAddress, type);
        lock (_lock)
        {
            _nats.Add(publicAddress, nat);
        }

        return nat;
    }

    internal VirtualSocket Bind(VirtualHost host, int port)
    {
        lock (_lock)
        {
            if (port == 0)
            {
                do
                {
                    port = _nextPort++;
                }
                while (_sockets.ContainsKey(new IPEndPoint(host.Address, port)));
            }

            var endPoint = new IPEndPoint(host.Address, port);
            if (_sockets.ContainsKey(endPoint))
            {
                throw new InvalidOperationException($"{endPoint} is already bound.");
            }

            var socket = new VirtualSocket(this, host, endPoint);
            _sockets.Add(endPoint, socket);
            return socket;
        }
    }

    internal void Unbind(VirtualSocket socket)
    {
        lock (_lock)
        {
            _sockets.Remove(socket.LocalEndPoint);
        }
    }

    internal void Send(VirtualSocket from, ReadOnlySpan<byte> datagram, IPEndPoint to)
    {
        lock (_lock)
        {
            var source = from.LocalEndPoint;
            VirtualSocket? target = null;
            var senderNat = from.Host.Nat;
            if (_sockets.TryGetValue(to, out var direct) && direct.Host.Nat == senderNat)
            {
                // Same side of the same NAT (or both public): direct delivery.
                target = direct;
            }
            else
            {
                if (senderNat is not null)
                {
                    source = senderNat.Outbound(source, to);
                }

                if (_nats.TryGetValue(to.Address, out var nat))
                {
                    var inside = nat.Inbound(to.Port, source);
                    if (inside is not null && _sockets.TryGetValue(inside, out var behind))
                    {
                        target = behind;
                    }
                }
                else if (direct is not null && direct.Host.Nat is null)
                {
                    target = direct;
                }
            }

            var data = datagram.ToArray();
            if (target is null || (Filter is not null && !Filter(source, to, data)) || (LossRate > 0 && _random.NextDouble() < LossRate))
            {
                Dropped++;
                return;
            }

            var delay = Latency + TimeSpan.FromTicks((long)(Jitter.Ticks * _random.NextDouble()));
            if (delay < TimeSpan.FromTicks(1))
            {
                delay = TimeSpan.FromTicks(1);
            }

            var due = _time.GetTimestamp() + (long)(delay.Ticks * (_time.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            var wasFirst = _inFlight.Count == 0 || _inFlight.TryPeek(out _, out var head) && due < head.Due;
            _inFlight.Enqueue((target, data, source), (due, _sequence++));
            if (wasFirst)
            {
                Rearm();
            }
        }
    }

    private void Rearm()
    {
        if (!_inFlight.TryPeek(out _, out var head))
        {
            return;
        }

        var wait = _time.GetElapsedTime(_time.GetTimestamp(), head.Due);
        _timer.Change(wait < TimeSpan.FromTicks(1) ? TimeSpan.FromTicks(1) : wait, Timeout.InfiniteTimeSpan);
    }

    private void DeliverDue()
    {
        while (true)
        {
            (VirtualSocket Target, byte[] Data, IPEndPoint From) item;
            lock (_lock)
            {
                if (!_inFlight.TryPeek(out _, out var head) || head.Due > _time.GetTimestamp())
                {
                    Rearm();
                    return;
                }

                item = _inFlight.Dequeue();
                Delivered++;
            }

            item.Target.Deliver(item.Data, item.From);
        }
    }
}
