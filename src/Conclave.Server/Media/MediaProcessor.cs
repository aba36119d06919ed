using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Conclave.Protocols.Dtls;
using Conclave.Server.Audit;
using Conclave.Server.Networking;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Media;

/// <summary>
/// The server's media processor for standard (not end-to-end encrypted) calls. Each device of such a
/// call offers to it; it opens a leg per device (ICE-lite, DTLS server with a fresh certificate),
/// answers, and once both legs have DTLS-SRTP up forwards SRTP and SRTCP between them. The call
/// service closes the legs when the call ends. Keys live only inside the legs' SRTP contexts.
/// </summary>
public sealed class MediaProcessor : IAsyncDisposable
{
    private readonly MediaProcessorOptions _options;
    private readonly MediaProcessorMetrics _metrics;
    private readonly IAuditLog _audit;
    private readonly TimeProvider _time;
    private readonly ILogger<MediaProcessor> _logger;
    private readonly IPAddress _listen;
    private readonly IPAddress? _announced;
    private readonly UdpPortRange _ports;
    private readonly UdpWorkerPool _workers;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, MediaCall> _calls = [];
    private readonly HashSet<Task> _pendingRecords = [];
    private int _legs;

    public MediaProcessor(IOptions<MediaProcessorOptions> options, MediaProcessorMetrics metrics, IAuditLog audit, TimeProvider time, ILogger<MediaProcessor> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _audit = audit;
        _time = time;
        _logger = logger;
        _listen = IPAddress.Parse(_options.ListenAddress);
        _announced = _options.AnnouncedAddress is { Length: > 0 } announced ? IPAddress.Parse(announced) : null;
        _ports = new UdpPortRange(_listen, _options.MinPort, _options.MaxPort);
        _workers = new UdpWorkerPool("media UDP", _options.UdpThreads, MediaLegSocket.ReceiveBufferSize);
        if (_announced is null && (_listen.Equals(IPAddress.Any) || _listen.Equals(IPAddress.IPv6Any)))
        {
            MediaProcessorLog.UnspecifiedAddress(logger, _listen);
        }
    }

    public MediaProcessorMetrics Metrics => _metrics;

    /// <summary>UDP worker threads reading the legs' sockets (0 where the platform has none or <see cref="MediaProcessorOptions.UdpThreads"/> is 0).</summary>
    internal int UdpWorkerCount => _workers.Count;

    /// <summary>Leg sockets the workers watch.</summary>
    internal int PolledSocketCount => _workers.SocketCount;

    /// <summary>Raised when a leg has completed its DTLS-SRTP handshake, on the thread that completed it (a call's set-up trace ends there).</summary>
    public event EventHandler<MediaLegKey>? LegConnected;

    /// <summary>
    /// Opens the leg of one device from its offer and hands the answer to <paramref name="sendAnswer"/>
    /// (the hub's <c>Description</c> push to that device). Returns null, or why no leg was opened.
    /// </summary>
    public async Task<MediaRefusal?> OpenLegAsync(MediaLegKey key, string offer, Func<string, Task> sendAnswer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(sendAnswer);
        if (!_options.Enabled)
        {
            return Refuse(key, new MediaRefusal(MediaRefusal.UnavailableCode, "Standard call media is turned off on this server (Conclave:MediaProcessor:Enabled)."));
        }

        if (!MediaOffer.TryParse(offer, out var parsed, out var problem))
        {
            return Refuse(key, new MediaRefusal(MediaRefusal.InvalidOfferCode, problem));
        }

        lock (_gate)
        {
            var call = _calls.TryGetValue(key.CallId, out var existing) ? existing : _calls[key.CallId] = new MediaCall();
            if (call.Legs.ContainsKey(key.ConnectionId) || call.Legs.Count >= 2)
            {
                return Refuse(key, new MediaRefusal(MediaRefusal.LegExistsCode, "This device already has a media leg in this call; renegotiation is not supported."));
            }

            if (_legs >= _options.MaxLegs)
            {
                return Refuse(key, new MediaRefusal(MediaRefusal.CapacityCode, "The media processor is at capacity."));
            }

            call.Legs[key.ConnectionId] = null;
            _legs++;
        }

        var leg = new MediaLeg(key, parsed!, _options, new MediaLegNetwork(_listen, _ports, _workers, _metrics), _metrics, _time);
        string answer;
        try
        {
            answer = await leg.StartAsync(_announced, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // Every port of the range is taken (UdpPortRange walked it): capacity, as MaxLegs.
            await leg.DisposeAsync().ConfigureAwait(false);
            Release(key);
            return Refuse(key, new MediaRefusal(MediaRefusal.CapacityCode, "The media processor has no free UDP port."));
        }
        catch (SocketException e)
        {
            // Not a busy port: the listen address cannot be bound at all (gone from the host, say).
            await leg.DisposeAsync().ConfigureAwait(false);
            Release(key);
            MediaProcessorLog.BindFailed(_logger, _listen, e.SocketErrorCode);
            return Refuse(key, new MediaRefusal(MediaRefusal.UnavailableCode, "The media processor cannot bind its listen address."));
        }

        bool attached;
        lock (_gate)
        {
            attached = _calls.TryGetValue(key.CallId, out var call) && call.Legs.ContainsKey(key.ConnectionId);
            if (attached)
            {
                call!.Legs[key.ConnectionId] = leg;
                call.Link();
            }
        }

        if (!attached)
        {
            // The call ended while the leg was being opened.
            await leg.DisposeAsync().ConfigureAwait(false);
            Release(key);
            return new MediaRefusal(MediaRefusal.UnavailableCode, "The call has ended.");
        }

        _metrics.LegOpened();
        MediaProcessorLog.LegOpened(_logger, key.CallId, key.DeviceId, leg.LocalEndPoint);
        _ = WatchHandshakeAsync(leg);
        await sendAnswer(answer).ConfigureAwait(false);

        // Off the set-up path: the device's hub call (and so its handling of the answer) does not wait for
        // the database. Pending records are awaited when the processor stops.
        Track(RecordAsync(MediaAuditActions.LegOpened, AuditOutcome.Success, leg, null, CancellationToken.None));
        return null;
    }

    /// <summary>Closes every leg of a call (hang-up, decline, disconnect, …). Safe to call for any call id, any number of times.</summary>
    public async Task CloseCallAsync(Guid callId, string reason)
    {
        List<MediaLeg> legs;
        lock (_gate)
        {
            if (!_calls.Remove(callId, out var call))
            {
                return;
            }

            // Legs still being opened find their slot gone and close themselves.
            legs = [.. call.Legs.Values.OfType<MediaLeg>()];
        }

        await Task.WhenAll(legs.Select(leg => CloseLegAsync(leg, reason, AuditOutcome.Success))).ConfigureAwait(false);
    }

    /// <summary>Legs of a call, for tests and diagnostics: local address and the device's checked address.</summary>
    public IReadOnlyList<(IPEndPoint? Local, IPEndPoint? Device)> LegsOf(Guid callId)
    {
        lock (_gate)
        {
            return _calls.TryGetValue(callId, out var call)
                ? [.. call.Legs.Values.OfType<MediaLeg>().Select(l => (l.LocalEndPoint, l.DeviceEndPoint))]
                : [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<Guid> calls;
        lock (_gate)
        {
            calls = [.. _calls.Keys];
        }

        foreach (var callId in calls)
        {
            await CloseCallAsync(callId, "ServerStopping").ConfigureAwait(false);
        }

        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pendingRecords];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        _workers.Dispose();
    }

    /// <summary>Keeps an audit write in flight until it is done, so that stopping waits for it.</summary>
    private void Track(Task record)
    {
        lock (_gate)
        {
            _pendingRecords.Add(record);
        }

        _ = record.ContinueWith(
            done =>
            {
                lock (_gate)
                {
                    _pendingRecords.Remove(done);
                }

                if (done.Exception is { } failure)
                {
                    MediaProcessorLog.AuditFailed(_logger, failure.InnerException ?? failure);
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task WatchHandshakeAsync(MediaLeg leg)
    {
        var error = await leg.Handshake.ConfigureAwait(false);
        if (error == DtlsSrtpError.None)
        {
            _metrics.LegConnected();
            MediaProcessorLog.LegConnected(_logger, leg.Key.CallId, leg.Key.DeviceId, leg.DeviceEndPoint);
            LegConnected?.Invoke(this, leg.Key);
            return;
        }

        if (error == DtlsSrtpError.Canceled)
        {
            return;
        }

        // A device that cannot prove the certificate its offer named, or never completes DTLS, loses its leg.
        _metrics.HandshakeFailed();
        MediaProcessorLog.HandshakeFailed(_logger, leg.Key.CallId, leg.Key.DeviceId, error);
        bool removed;
        lock (_gate)
        {
            removed = _calls.TryGetValue(leg.Key.CallId, out var call) && call.Legs.TryGetValue(leg.Key.ConnectionId, out var current) && current == leg
                && call.Legs.Remove(leg.Key.ConnectionId);
            if (removed)
            {
                call!.Unlink(leg);
            }
        }

        if (removed)
        {
            await CloseLegAsync(leg, "Dtls" + error, AuditOutcome.Failure).ConfigureAwait(false);
        }
    }

    private async Task CloseLegAsync(MediaLeg leg, string reason, AuditOutcome outcome)
    {
        await leg.DisposeAsync().ConfigureAwait(false);
        Release(leg.Key);
        _metrics.LegClosed();
        MediaProcessorLog.LegClosed(_logger, leg.Key.CallId, leg.Key.DeviceId, reason);
        await RecordAsync(MediaAuditActions.LegClosed, outcome, leg, reason, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Gives back the slot a leg reserved (each reservation is released once, by its owner).</summary>
    private void Release(MediaLegKey key)
    {
        lock (_gate)
        {
            _legs--;
            if (_calls.TryGetValue(key.CallId, out var call) && call.Legs.TryGetValue(key.ConnectionId, out var leg) && leg is null)
            {
                call.Legs.Remove(key.ConnectionId);
            }
        }
    }

    private MediaRefusal Refuse(MediaLegKey key, MediaRefusal refusal)
    {
        MediaProcessorLog.OfferRefused(_logger, key.CallId, refusal.Code);
        return refusal;
    }

    private Task RecordAsync(string action, AuditOutcome outcome, MediaLeg leg, string? reason, CancellationToken cancellationToken)
    {
        var details = new JsonObject
        {
            ["callId"] = leg.Key.CallId.ToString(),
            ["deviceId"] = leg.Key.DeviceId,
            ["port"] = leg.LocalEndPoint?.Port,
        };
        if (reason is not null)
        {
            details["reason"] = reason;
        }

        return _audit.RecordAsync(new AuditEntry(action, outcome, leg.Key.UserId, leg.Key.Upn, leg.Key.CallId.ToString(), null, details), cancellationToken);
    }
}
