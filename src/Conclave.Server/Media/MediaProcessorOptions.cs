using System.ComponentModel.DataAnnotations;
using Conclave.Protocols.Srtp;
using Conclave.Server.Networking;

namespace Conclave.Server.Media;

/// <summary>Settings of the media processor that terminates standard calls (configuration section <c>Conclave:MediaProcessor</c>; environment <c>CONCLAVE_MEDIAPROCESSOR__*</c>).</summary>
public sealed class MediaProcessorOptions
{
    public const string SectionName = "Conclave:MediaProcessor";

    /// <summary>Lowest UDP port of a leg (default 40000): a range apart from the relay's 50000–59999, so both fit one firewall rule each.</summary>
    public const int DefaultMinPort = 40000;

    /// <summary>Highest UDP port of a leg (default 44999): 5,000 legs, 2,500 standard calls at once.</summary>
    public const int DefaultMaxPort = 44999;

    /// <summary>
    /// ICE plus DTLS limit of a leg: 10 s, the DTLS handshake limit (<see cref="Conclave.Protocols.Dtls.DtlsSrtpOptions.DefaultHandshakeTimeout"/>);
    /// a leg whose device has not completed DTLS by then is closed.
    /// </summary>
    public static readonly TimeSpan DefaultHandshakeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default leg address: loopback, which only local devices reach, so a server is never exposed by default.</summary>
    public const string DefaultListenAddress = "127.0.0.1";

    /// <summary>Legs open at once: 5,000, one per port of the default range <see cref="DefaultMinPort"/>–<see cref="DefaultMaxPort"/>.</summary>
    public const int DefaultMaxLegs = DefaultMaxPort - DefaultMinPort + 1;

    /// <summary>Whether standard calls get media at all. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Address leg sockets bind to. It is also the address put in the answer's host candidate unless
    /// <see cref="AnnouncedAddress"/> is set, so in production it is the host's address that devices reach
    /// (as the relay's <c>RelayAddress</c>). Default 127.0.0.1, which only local devices reach.
    /// </summary>
    [Required]
    public string ListenAddress { get; set; } = DefaultListenAddress;

    /// <summary>Address announced in the answer's candidate when it differs from the bound one (a 1:1 NAT in front of the host); default: <see cref="ListenAddress"/>.</summary>
    public string? AnnouncedAddress { get; set; }

    /// <summary>Lowest leg port; 0 (with <see cref="MaxPort"/> 0) lets the system pick ephemeral ports. Default <see cref="DefaultMinPort"/>.</summary>
    [Range(0, 65535)]
    public int MinPort { get; set; } = DefaultMinPort;

    /// <summary>Highest leg port. Default <see cref="DefaultMaxPort"/>.</summary>
    [Range(0, 65535)]
    public int MaxPort { get; set; } = DefaultMaxPort;

    /// <summary>How long a leg may take from its answer to DTLS-SRTP up. Default <see cref="DefaultHandshakeTimeout"/>.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = DefaultHandshakeTimeout;

    /// <summary>Legs open at once (beyond: the offer is refused with <c>media.capacity</c>). Default 5,000.</summary>
    [Range(2, 1_000_000)]
    public int MaxLegs { get; set; } = DefaultMaxLegs;

    /// <summary>
    /// How far behind the newest packet from a device an SRTP or SRTCP packet may arrive and still be forwarded
    /// (once), in packets: a multiple of 64 from 64 (the RFC 3711 §3.3.2 minimum) to 32768. Default
    /// <see cref="SrtpContextOptions.DefaultReplayWindowSize"/> (1024), which keeps a browser's reordered video;
    /// see there for why.
    /// </summary>
    [Range(SrtpContextOptions.MinimumReplayWindowSize, SrtpContextOptions.MaximumReplayWindowSize)]
    public int SrtpReplayWindowSize { get; set; } = SrtpContextOptions.DefaultReplayWindowSize;

    /// <summary>
    /// UDP worker threads reading every leg's socket (Linux x64 and arm64; elsewhere each leg has a receive
    /// thread of its own). Default <see cref="UdpWorkerPool.DefaultSize"/>: one per processor, at most 8,
    /// as the relay's <c>UdpThreads</c>; the number of threads does not grow with the number of legs.
    /// 0 gives each leg its own thread.
    /// </summary>
    [Range(0, 64)]
    public int UdpThreads { get; set; } = UdpWorkerPool.DefaultSize;

    /// <summary>The settings of each leg's SRTP contexts.</summary>
    internal SrtpContextOptions ToSrtpContextOptions() => new() { ReplayWindowSize = SrtpReplayWindowSize };
}
