using System.ComponentModel.DataAnnotations;
using Conclave.Domain.Calls;

namespace Conclave.Server.Calls;

/// <summary>Settings of one-to-one calls (configuration section <c>Conclave:Calls</c>).</summary>
public sealed class CallOptions
{
    public const string Section = "Conclave:Calls";

    /// <summary>
    /// A person dials by hand: a call every few seconds at the most, some ten a minute for a receptionist
    /// working down a list. 300 rings in 3 s (issue 9) is a script.
    /// </summary>
    public const int DefaultRingsPerMinute = 10;

    /// <summary>Redialling one person after a dropped call or a wrong device takes two or three tries; more rings her down.</summary>
    public const int DefaultRingsPerMinutePerCallee = 3;

    /// <summary>One audit record per refusal flood per minute keeps the trail readable and its growth bounded, yet prompt.</summary>
    public static readonly TimeSpan DefaultRefusalAuditWindow = TimeSpan.FromMinutes(1);

    /// <summary>How long a call rings before it is a missed call. Default 30 s.</summary>
    public TimeSpan RingTimeout { get; set; } = CallSession.DefaultRingTimeout;

    /// <summary>
    /// Lifetime of the TURN credentials handed out per call. Default 10 minutes: long enough to set up
    /// and refresh an allocation (RFC 8656 §7.2 default lifetime), short enough that a leaked one soon dies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:30", "1.00:00:00")]
    public TimeSpan TurnCredentialLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Calls one user may place in a minute, to anyone (every PlaceCall counts, refused or not). A token
    /// bucket of this size, full at first, refilled evenly over the minute; over it PlaceCall is refused
    /// <c>call.rate_limited</c> with <c>retryAfterSeconds</c>. Default <see cref="DefaultRingsPerMinute"/>.
    /// </summary>
    [Range(1, 10_000)]
    public int RingsPerMinute { get; set; } = DefaultRingsPerMinute;

    /// <summary>Calls one user may place to the same callee in a minute, a bucket as above. Default <see cref="DefaultRingsPerMinutePerCallee"/>.</summary>
    [Range(1, 10_000)]
    public int RingsPerMinutePerCallee { get; set; } = DefaultRingsPerMinutePerCallee;

    /// <summary>
    /// Refusals of calls are audited per actor and action: the first in this window at once, the rest as one
    /// record with their count when it closes. Default <see cref="DefaultRefusalAuditWindow"/>.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RefusalAuditWindow { get; set; } = DefaultRefusalAuditWindow;

    /// <summary>Extra STUN URIs handed to clients (<c>stun:host:port</c>), e.g. a coturn beside Conclave's relay.</summary>
    public IList<string> StunUris { get; } = [];

    /// <summary>
    /// Extra TURN URIs (<c>turn:host:port?transport=udp</c>) handed out with the same short-lived credentials:
    /// a coturn configured with <c>use-auth-secret</c> and the relay's secret accepts them.
    /// </summary>
    public IList<string> TurnUris { get; } = [];
}
