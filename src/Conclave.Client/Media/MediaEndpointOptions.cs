using System.Net;
using Conclave.Protocols.Dtls;
using Conclave.Protocols.Ice;
using Conclave.Protocols.Net;
using Conclave.Protocols.Srtp;

namespace Conclave.Client.Media;

/// <summary>Settings of one <see cref="MediaEndpoint"/> (one audio call leg).</summary>
public sealed class MediaEndpointOptions
{
    /// <summary>Default tone: 440 Hz (concert A), well inside the 300–3400 Hz telephone band.</summary>
    public const double DefaultToneFrequency = 440;

    /// <summary>RTCP report interval: 5 s, the RFC 3550 §6.2 minimum for a small session.</summary>
    public static readonly TimeSpan DefaultRtcpInterval = TimeSpan.FromSeconds(5);

    /// <summary>Limit on ICE and DTLS together: 20 s, more than ICE's check timeouts plus DTLS's 10 s.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(20);

    /// <summary>Received audio kept for tone detection: 500 ms, 4000 samples at 8 kHz (12.5 Hz resolution).</summary>
    public static readonly TimeSpan DefaultDetectionWindow = TimeSpan.FromMilliseconds(500);

    /// <summary>Default share of the received power that must lie at a frequency for <see cref="MediaEndpoint.ToneDetected"/>: 0.5.</summary>
    public const double DefaultToneThreshold = 0.5;

    /// <summary>
    /// Ta proposed in a=ice-pacing (RFC 8839 §5.5): 10 ms, five times the default rate, ample for the few pairs of
    /// one audio leg and twice the RFC 8445 §14.2 floor. A peer that proposes nothing (a browser) keeps 50 ms.
    /// </summary>
    public static readonly TimeSpan DefaultIcePacing = TimeSpan.FromMilliseconds(10);

    /// <summary>Sockets and interface addresses; the real UDP network by default.</summary>
    public INetwork Network { get; init; } = UdpNetwork.Instance;

    /// <summary>Interface addresses to gather host candidates on; all by default. Tests pass loopback only.</summary>
    public Func<IPAddress, bool> AddressFilter { get; init; } = static _ => true;

    /// <summary>STUN servers for server-reflexive candidates; none by default.</summary>
    public IReadOnlyList<IPEndPoint> StunServers { get; init; } = [];

    /// <summary>TURN servers (with long-term credentials) for relayed candidates; none by default.</summary>
    public IReadOnlyList<IceTurnServer> TurnServers { get; init; } = [];

    /// <summary>
    /// Signal only relayed candidates and send only from them (as <c>iceTransportPolicy: 'relay'</c>).
    /// Needs at least one TURN server. Default false.
    /// </summary>
    public bool RelayOnly { get; init; }

    /// <summary>
    /// Write the offer or answer as soon as the host candidates are in and let server-reflexive and relayed ones
    /// follow through <see cref="MediaEndpoint.LocalCandidate"/> (trickle ICE, RFC 8838 §4.1); for signalling that
    /// carries trickled candidates. Default false: the description waits for every candidate (half trickle, §4.1.1).
    /// </summary>
    public bool TrickleCandidates { get; init; }

    /// <summary>What to send; a <see cref="ToneSource"/> at <see cref="ToneFrequency"/> when null.</summary>
    public IAudioSource? AudioSource { get; init; }

    /// <summary>Frequency of the default tone source, Hz. Default <see cref="DefaultToneFrequency"/>.</summary>
    public double ToneFrequency { get; init; } = DefaultToneFrequency;

    /// <summary>a=setup in our offers. Default actpass (RFC 8842 §5.2: offers MUST use actpass in WebRTC, JSEP §5.2.1).</summary>
    public DtlsSetup OfferSetup { get; init; } = DtlsSetup.ActPass;

    /// <summary>a=setup in our answers to actpass: active (default, RFC 8842 §5.3 SHOULD) or passive.</summary>
    public DtlsSetup AnswerSetup { get; init; } = DtlsSetup.Active;

    /// <summary>DTLS-SRTP handshake settings (timeout, profile preference).</summary>
    public DtlsSrtpOptions Dtls { get; init; } = DtlsSrtpOptions.Default;

    /// <summary>
    /// How far behind the newest received packet an SRTP or SRTCP packet may arrive and still be accepted (once),
    /// in packets: a multiple of 64 from 64 (the RFC 3711 §3.3.2 minimum) to 32768. Default
    /// <see cref="SrtpContextOptions.DefaultReplayWindowSize"/> (1024), as a browser's own receiver; see there for why.
    /// </summary>
    public int SrtpReplayWindowSize { get; init; } = SrtpContextOptions.DefaultReplayWindowSize;

    /// <summary>Limit on ICE plus DTLS in <see cref="MediaEndpoint.ConnectAsync"/>. Default <see cref="DefaultConnectTimeout"/>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = DefaultConnectTimeout;

    /// <summary>Interval between RTCP SR/RR packets. Default <see cref="DefaultRtcpInterval"/>.</summary>
    public TimeSpan RtcpInterval { get; init; } = DefaultRtcpInterval;

    /// <summary>How much received audio tone detection looks at. Default <see cref="DefaultDetectionWindow"/>.</summary>
    public TimeSpan DetectionWindow { get; init; } = DefaultDetectionWindow;

    /// <summary>Power ratio above which a tone counts as present. Default <see cref="DefaultToneThreshold"/>.</summary>
    public double ToneThreshold { get; init; } = DefaultToneThreshold;

    /// <summary>The ICE pacing (Ta) this leg proposes; the larger of both proposals applies. Default <see cref="DefaultIcePacing"/>.</summary>
    public TimeSpan IcePacing { get; init; } = DefaultIcePacing;

    /// <summary>Clock for media pacing, RTCP and certificate validity.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
