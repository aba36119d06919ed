using System.ComponentModel.DataAnnotations;
using Conclave.Domain.Calls;

namespace Conclave.Server.Calls;

/// <summary>Settings of one-to-one calls (configuration section <c>Conclave:Calls</c>).</summary>
public sealed class CallOptions
{
    public const string Section = "Conclave:Calls";

    /// <summary>How long a call rings before it is a missed call. Default 30 s.</summary>
    public TimeSpan RingTimeout { get; set; } = CallSession.DefaultRingTimeout;

    /// <summary>
    /// Lifetime of the TURN credentials handed out per call. Default 10 minutes: long enough to set up
    /// and refresh an allocation (RFC 8656 §7.2 default lifetime), short enough that a leaked one soon dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan TurnCredentialLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra STUN URIs handed to clients (<c>stun:host:port</c>), e.g. a coturn beside Conclave's relay.</summary>
    public IList<string> StunUris { get; } = [];

    /// <summary>
    /// Extra TURN URIs (<c>turn:host:port?transport=udp</c>) handed out with the same short-lived credentials:
    /// a coturn configured with <c>use-auth-secret</c> and the relay's secret accepts them.
    /// </summary>
    public IList<string> TurnUris { get; } = [];
}
