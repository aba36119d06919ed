using System.Net;
using Conclave.Protocols.Net;

namespace Conclave.Protocols.Ice;

/// <summary>Settings of one <see cref="IceAgent"/>.</summary>
public sealed class IceAgentOptions
{
    /// <summary>RFC 8445 §14.2: Ta, the pacing of new checks, default 50 ms.</summary>
    public static readonly TimeSpan DefaultTa = TimeSpan.FromMilliseconds(50);

    /// <summary>RFC 7675 §5.1: consent checks about every 5 s.</summary>
    public static readonly TimeSpan DefaultConsentInterval = TimeSpan.FromSeconds(5);

    /// <summary>RFC 7675 §5.1: consent expires 30 s after the last response.</summary>
    public static readonly TimeSpan DefaultConsentTimeout = TimeSpan.FromSeconds(30);

    public required INetwork Network { get; init; }

    public IceRole Role { get; init; } = IceRole.Controlling;

    /// <summary>ICE-lite (RFC 8445 §2.5): host candidates only, answers checks, always controlled.</summary>
    public bool Lite { get; init; }

    /// <summary>Which interface addresses to gather host candidates on; all by default.</summary>
    public Func<IPAddress, bool> AddressFilter { get; init; } = static _ => true;

    /// <summary>Port to bind host candidates on (0: ephemeral). An ICE-lite server may fix it.</summary>
    public int HostPort { get; init; }

    /// <summary>STUN servers for server-reflexive candidates.</summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = [];

    /// <summary>TURN servers for relayed candidates.</summary>
    public IReadOnlyList<IceTurnServer> TurnServers { get; init; } = [];

    /// <summary>Gather relayed candidates only (WebRTC's iceTransportPolicy "relay"): no host or server-reflexive ones.</summary>
    public bool RelayOnly { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The Ta this agent uses, or proposes when signalling negotiates it (<see cref="IceAgent.ApplyRemotePacing"/>).</summary>
    public TimeSpan Ta { get; init; } = DefaultTa;

    /// <summary>Initial retransmission timeout of a check; doubles up to <see cref="MaxRto"/>. RFC 8445 §14.3 suggests 500 ms for a small checklist.</summary>
    public TimeSpan InitialRto { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxRto { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>RFC 8489 §6.2.1: Rc, transmissions of one request, default 7.</summary>
    public int MaxTransmissions { get; init; } = 7;

    /// <summary>How long the controlling agent waits for better pairs after the first valid one before nominating.</summary>
    public TimeSpan NominationDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan ConsentInterval { get; init; } = DefaultConsentInterval;

    /// <summary>No consent response for this long: Disconnected (it may still recover).</summary>
    public TimeSpan DisconnectedTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan ConsentTimeout { get; init; } = DefaultConsentTimeout;

    /// <summary>The role-conflict tie-breaker (RFC 8445 §7.1.1); random when null.</summary>
    public ulong? TieBreaker { get; init; }

    /// <summary>Local credentials; random when null (RFC 8445 §5.3: ufrag ≥ 24 bits, password ≥ 128 bits).</summary>
    public string? LocalUfrag { get; init; }

    public string? LocalPassword { get; init; }
}
