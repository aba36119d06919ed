using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Conclave.Protocols.Turn;
using Conclave.Server.Networking;

namespace Conclave.Server.Relay;

/// <summary>Settings of the TURN relay (configuration section <c>Conclave:Relay</c>; environment <c>CONCLAVE_RELAY__*</c>).</summary>
public sealed class RelayOptions
{
    public const string SectionName = "Conclave:Relay";

    /// <summary>RFC 8656 §3: the default TURN port for UDP and TCP.</summary>
    public const int DefaultUdpPort = 3478;

    /// <summary>RFC 8656 §7.2: allocations last 10 minutes unless the client asks otherwise.</summary>
    public static readonly TimeSpan DefaultAllocationLifetimeValue = TimeSpan.FromMinutes(10);

    /// <summary>RFC 8656 §7.2: the server caps the requested lifetime; one hour is the RFC's example maximum.</summary>
    public static readonly TimeSpan DefaultMaxAllocationLifetime = TimeSpan.FromHours(1);

    /// <summary>RFC 8656 §9: permissions last 300 seconds.</summary>
    public static readonly TimeSpan DefaultPermissionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>RFC 8656 §12: channel bindings last 10 minutes.</summary>
    public static readonly TimeSpan DefaultChannelLifetime = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long credentials from the API stay valid. RFC 8656 §7.1 keeps an allocation on the
    /// username it was made with, so this bounds how long one allocation can be refreshed: a working
    /// day covers any call, while a leaked credential still dies the same day.
    /// </summary>
    public static readonly TimeSpan DefaultCredentialLifetime = TimeSpan.FromHours(8);

    /// <summary>
    /// Binding requests per second and source address: five times the unauthenticated budget. Clients
    /// behind one NAT share an address, and each sends a few Bindings per server when gathering and then
    /// one every 10–25 s (RFC 8445 §5.1.1.2, keepalives), so 100 a second serves hundreds of them while a
    /// flood stays bounded at about 6 kB/s of answers per address.
    /// </summary>
    public const int DefaultBindingRequestsPerSecond = 100;

    /// <summary>Burst of Binding requests per source address: two seconds' worth, for a burst of gathering clients.</summary>
    public const int DefaultBindingBurst = 200;

    /// <summary>Default bind address of the listeners: every IPv4 address of the host, so one setting serves a single-homed host.</summary>
    public const string DefaultListenAddress = "0.0.0.0";

    /// <summary>Lowest relayed port: 50000, as coturn's default range (RFC 8656 §7.2 leaves the choice to the server).</summary>
    public const int DefaultMinPort = 50000;

    /// <summary>Highest relayed port: 59999, 10,000 ports apart from the media processor's 40000–44999.</summary>
    public const int DefaultMaxPort = 59999;

    /// <summary>REALM when none is configured (RFC 8489 §9.2: any string the server picks).</summary>
    public const string DefaultRealm = "conclave";

    /// <summary>Password HMAC: SHA-256, stronger than the SHA-1 of coturn's TURN REST API form.</summary>
    public const string DefaultCredentialHmac = "SHA256";

    /// <summary>NONCE validity: 10 minutes, as coturn's default stale-nonce time; then 438 Stale Nonce (RFC 8489 §9.2.4).</summary>
    public static readonly TimeSpan DefaultNonceLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Sweep of expired allocations, permissions and channels: every second, the resolution RFC 8656's lifetimes are given in.</summary>
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(1);

    /// <summary>Allocations per user: 10, a few devices each gathering relay candidates for a call or two.</summary>
    public const int DefaultMaxAllocationsPerUser = 10;

    /// <summary>Allocations per client address: 100, room for many users behind one NAT (RFC 8656 §7.2 lets the server set quotas).</summary>
    public const int DefaultMaxAllocationsPerAddress = 100;

    /// <summary>Allocations in total: 20,000; with the default 10,000 relayed ports on one address the ports run out first (508).</summary>
    public const int DefaultMaxAllocations = 20_000;

    /// <summary>Bandwidth per allocation and direction: 2 MB/s (16 Mbit/s), well above one call's audio and video.</summary>
    public const long DefaultBandwidthBytesPerSecond = 2_000_000;

    /// <summary>Unauthenticated requests per second and source address: enough for a client's first Allocate and its retries.</summary>
    public const int DefaultUnauthenticatedRequestsPerSecond = 20;

    /// <summary>Burst of unauthenticated requests: twice the per-second rate.</summary>
    public const int DefaultUnauthenticatedBurst = 40;

    /// <summary>Largest relayed datagram: 1600 bytes, an Ethernet MTU (1500) plus room for tunnel and TURN overhead.</summary>
    public const int DefaultMaxDatagramSize = 1600;

    /// <summary>SOFTWARE attribute (RFC 8489 §14.14).</summary>
    public const string DefaultSoftware = "Conclave relay";

    /// <summary>Whether the relay runs at all when registered with the server.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Address the listeners bind to. Default 0.0.0.0.</summary>
    public string ListenAddress { get; set; } = DefaultListenAddress;

    /// <summary>Address relayed sockets bind to and that is reported in XOR-RELAYED-ADDRESS; default: <see cref="ListenAddress"/>.</summary>
    public string? RelayAddress { get; set; }

    /// <summary>UDP listener port; 0 picks an ephemeral port, a negative value disables UDP. Default 3478.</summary>
    public int UdpPort { get; set; } = DefaultUdpPort;

    /// <summary>TCP listener port; null disables TCP, 0 picks an ephemeral port.</summary>
    public int? TcpPort { get; set; }

    /// <summary>TLS listener port; null disables TLS. Needs <see cref="TlsCertificatePath"/>.</summary>
    public int? TlsPort { get; set; }

    /// <summary>PKCS#12 file of the TLS certificate.</summary>
    public string? TlsCertificatePath { get; set; }

    public string? TlsCertificatePassword { get; set; }

    /// <summary>A certificate given in code (tests, or a host that manages certificates); wins over the path.</summary>
    public X509Certificate2? TlsCertificate { get; set; }

    /// <summary>Lowest relayed port (default 50000, as coturn).</summary>
    [Range(0, 65535)]
    public int MinPort { get; set; } = DefaultMinPort;

    /// <summary>Highest relayed port (default 59999).</summary>
    [Range(0, 65535)]
    public int MaxPort { get; set; } = DefaultMaxPort;

    /// <summary>REALM (RFC 8489 §14.9: fewer than 128 characters, or clients discard the challenge).</summary>
    [Required]
    [StringLength(127)]
    public string Realm { get; set; } = DefaultRealm;

    /// <summary>
    /// Shared secrets for short-lived credentials, newest first. A new secret is put first; the
    /// previous one stays listed until the longest credential lifetime has passed, so that
    /// credentials handed out under it keep working until they expire.
    /// </summary>
    public IList<string> Secrets { get; } = [];

    /// <summary>TURN URIs handed to clients with their credentials, e.g. <c>turn:relay.example:3478?transport=udp</c>.</summary>
    public IList<string> Uris { get; } = [];

    /// <summary>Lifetime of credentials issued by the API (default 8 hours).</summary>
    public TimeSpan CredentialLifetime { get; set; } = DefaultCredentialLifetime;

    /// <summary>HMAC of the short-lived password: SHA256 (Conclave's default) or SHA1 (coturn's TURN REST API form).</summary>
    public string CredentialHmac { get; set; } = DefaultCredentialHmac;

    public TimeSpan DefaultAllocationLifetime { get; set; } = DefaultAllocationLifetimeValue;

    public TimeSpan MaxAllocationLifetime { get; set; } = DefaultMaxAllocationLifetime;

    public TimeSpan PermissionLifetime { get; set; } = DefaultPermissionLifetime;

    public TimeSpan ChannelLifetime { get; set; } = DefaultChannelLifetime;

    /// <summary>How long a NONCE is valid before 438 Stale Nonce (default 10 minutes).</summary>
    public TimeSpan NonceLifetime { get; set; } = DefaultNonceLifetime;

    /// <summary>How often expired allocations, permissions and channels are swept (default 1 s).</summary>
    public TimeSpan SweepInterval { get; set; } = DefaultSweepInterval;

    /// <summary>Allocations one user may hold at once (486 beyond). Default 10.</summary>
    public int MaxAllocationsPerUser { get; set; } = DefaultMaxAllocationsPerUser;

    /// <summary>Allocations one client IP address may hold at once (486 beyond). Default 100.</summary>
    public int MaxAllocationsPerAddress { get; set; } = DefaultMaxAllocationsPerAddress;

    /// <summary>Allocations in total (508 beyond). Default 20,000.</summary>
    public int MaxAllocations { get; set; } = DefaultMaxAllocations;

    /// <summary>Bytes per second one allocation may relay in each direction; 0 means unlimited. Default 2 MB/s.</summary>
    public long BandwidthBytesPerSecond { get; set; } = DefaultBandwidthBytesPerSecond;

    /// <summary>Unauthenticated requests one source IP address may make per second before being ignored. Default 20.</summary>
    public int UnauthenticatedRequestsPerSecond { get; set; } = DefaultUnauthenticatedRequestsPerSecond;

    /// <summary>Burst allowance of unauthenticated requests. Default 40.</summary>
    public int UnauthenticatedBurst { get; set; } = DefaultUnauthenticatedBurst;

    /// <summary>
    /// Binding requests one source IP address may make per second before being ignored; a budget apart
    /// from <see cref="UnauthenticatedRequestsPerSecond"/>, so that refused Allocates cannot starve ICE
    /// keepalives and NAT discovery from the same address. Default <see cref="DefaultBindingRequestsPerSecond"/>.
    /// </summary>
    public int BindingRequestsPerSecond { get; set; } = DefaultBindingRequestsPerSecond;

    /// <summary>Burst allowance of Binding requests. Default <see cref="DefaultBindingBurst"/>.</summary>
    public int BindingBurst { get; set; } = DefaultBindingBurst;

    /// <summary>Relaying to loopback peers (127.0.0.0/8, ::1) is refused unless set (coturn: --allow-loopback-peers).</summary>
    public bool AllowLoopbackPeers { get; set; }

    /// <summary>Relaying to private (RFC 1918, fc00::/7), link-local and CGNAT peers is refused unless set.</summary>
    public bool AllowPrivatePeers { get; set; }

    /// <summary>
    /// Accept channel numbers 0x5000–0x7FFF as RFC 5766 did (coturn does; its turnutils_uclient picks
    /// them). Off by default: RFC 8656 §12 limits channels to 0x4000–0x4FFF so that RFC 7983
    /// demultiplexing stays unambiguous.
    /// </summary>
    public bool AcceptRfc5766ChannelNumbers { get; set; }

    /// <summary>Largest relayed datagram in bytes; larger ones are dropped. Default 1600.</summary>
    public int MaxDatagramSize { get; set; } = DefaultMaxDatagramSize;

    /// <summary>
    /// UDP worker threads on Linux: each reads its own SO_REUSEPORT listener socket on the UDP port and
    /// the relayed sockets of the allocations made through it, with epoll. 0: one listener thread and an
    /// async receive loop per allocation (what other systems always get). Default: one per processor,
    /// at most 8.
    /// </summary>
    public int UdpThreads { get; set; } = UdpWorkerPool.DefaultSize;

    /// <summary>SOFTWARE attribute value, empty to omit (RFC 8489 §14.14: fewer than 128 characters).</summary>
    [StringLength(127)]
    public string Software { get; set; } = DefaultSoftware;

    internal ushort MaxChannelNumber => AcceptRfc5766ChannelNumbers ? (ushort)0x7FFF : ChannelData.MaxChannel;

    internal HashAlgorithmName CredentialHashAlgorithm =>
        string.Equals(CredentialHmac, "SHA1", StringComparison.OrdinalIgnoreCase) ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256;
}
