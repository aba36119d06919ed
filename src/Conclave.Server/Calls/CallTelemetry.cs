using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conclave.Domain.Calls;
using Conclave.Server.Media;

namespace Conclave.Server.Calls;

/// <summary>
/// Metrics, traces and log lines of calls: the meter and activity source <c>Conclave.Calls</c>, and one
/// <c>call.setup</c> activity per call from the ring to its media. An end-to-end encrypted call's media never
/// reaches the server, so its set-up ends at the answer; a standard call's ends when both of its media
/// processor legs have completed DTLS, or with the call if that comes first.
/// </summary>
public sealed class CallTelemetry : IDisposable
{
    /// <summary>Name of the meter and of the activity source.</summary>
    public const string Name = "Conclave.Calls";

    /// <summary>Name of the activity that spans a call's set-up.</summary>
    public const string SetupActivity = "call.setup";

    private readonly Meter _meter;
    private readonly ActivitySource _source = new(Name);
    private readonly Counter<long> _placed;
    private readonly Counter<long> _answered;
    private readonly Counter<long> _ended;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _ringToAnswer;
    private readonly MediaProcessor _media;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, Setup> _setups = [];

    public CallTelemetry(MediaProcessor media, ILogger<CallTelemetry> logger, IMeterFactory? meterFactory = null)
    {
        _media = media;
        _logger = logger;
        _meter = meterFactory?.Create(Name) ?? new Meter(Name);
        _placed = _meter.CreateCounter<long>("conclave.calls.placed", "{call}", "Calls placed that rang or found the callee busy, by mode.");
        _answered = _meter.CreateCounter<long>("conclave.calls.answered", "{call}", "Calls answered, by mode.");
        _ended = _meter.CreateCounter<long>("conclave.calls.ended", "{call}", "Calls ended, by reason.");
        _refused = _meter.CreateCounter<long>("conclave.calls.refused", "{call}", "Calls refused before they rang, by code.");
        _ringToAnswer = _meter.CreateHistogram<double>("conclave.calls.ring_to_answer", "s", "Time from placing a call to its answer.");
        media.LegConnected += OnLegConnected;
    }

    public void Dispose()
    {
        _media.LegConnected -= OnLegConnected;
        lock (_gate)
        {
            foreach (var setup in _setups.Values)
            {
                setup.Activity.Dispose();
            }

            _setups.Clear();
        }

        _source.Dispose();
        _meter.Dispose();
    }

    internal void Placed(CallSession session)
    {
        var mode = ModeOf(session.E2ee);
        _placed.Add(1, new KeyValuePair<string, object?>("mode", mode));
        CallLog.Placed(_logger, session.Id, session.CallerId, mode, session.State);

        // Not a child of the hub invocation that placed the call: the set-up outlives it, and later steps
        // (the answer, the media) arrive on other connections.
        var previous = Activity.Current;
        Activity.Current = null;
        var activity = _source.StartActivity(SetupActivity, ActivityKind.Internal, parentContext: default, startTime: session.PlacedAt);
        Activity.Current = previous;
        if (activity is null)
        {
            return;
        }

        activity.SetTag("conclave.call.id", session.Id.ToString());
        activity.SetTag("conclave.call.mode", mode);
        activity.SetTag("conclave.call.caller_id", session.CallerId);
        activity.SetTag("conclave.call.callee_id", session.CalleeId);
        if (session.State == CallState.Ringing)
        {
            activity.AddEvent(new ActivityEvent("ringing", session.PlacedAt));
            lock (_gate)
            {
                _setups[session.Id] = new Setup(activity);
            }
        }
        else
        {
            Finish(activity, session.EndReason.ToString(), previous);
        }
    }

    internal void Answered(CallSession session, string calleeId)
    {
        var mode = ModeOf(session.E2ee);
        var ring = ((session.ConnectedAt ?? session.PlacedAt) - session.PlacedAt).TotalSeconds;
        var ringRounded = Math.Round(ring, 1);
        _answered.Add(1, new KeyValuePair<string, object?>("mode", mode));
        _ringToAnswer.Record(ring, new KeyValuePair<string, object?>("mode", mode));
        CallLog.Answered(_logger, session.Id, calleeId, mode, ringRounded);
        Activity? done = null;
        lock (_gate)
        {
            if (_setups.TryGetValue(session.Id, out var setup))
            {
                setup.Activity.SetTag("conclave.call.mode", mode);
                setup.Activity.AddEvent(new ActivityEvent("answered", session.ConnectedAt ?? default));
                if (session.E2ee.EndToEnd)
                {
                    _setups.Remove(session.Id);
                    done = setup.Activity;
                }
            }
        }

        if (done is not null)
        {
            Finish(done, "answered", Activity.Current);
        }
    }

    internal void Ended(CallSession session)
    {
        _ended.Add(1, new KeyValuePair<string, object?>("reason", session.EndReason.ToString()));
        CallLog.Ended(_logger, session.Id, session.EndReason, session.IsMissed);
        Setup? setup;
        lock (_gate)
        {
            _setups.Remove(session.Id, out setup);
        }

        if (setup is not null)
        {
            Finish(setup.Activity, session.EndReason.ToString(), Activity.Current);
        }
    }

    internal void Refused(string callerId, string code)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("code", code));
        CallLog.Refused(_logger, callerId, code);
    }

    internal void FeatureRefused(Guid callId, CallFeature feature, string userId, string code) =>
        CallLog.FeatureRefused(_logger, callId, feature, userId, code);

    private static string ModeOf(E2eeDecision decision) => decision.EndToEnd ? "e2ee" : "standard";

    /// <summary>Stops the activity and leaves <see cref="Activity.Current"/> as the caller had it (Stop would set it to the activity's parent).</summary>
    private static void Finish(Activity activity, string outcome, Activity? current)
    {
        activity.SetTag("conclave.call.outcome", outcome);
        activity.Stop();
        Activity.Current = current;
    }

    private void OnLegConnected(object? sender, MediaLegKey leg)
    {
        Activity? done = null;
        int connected;
        lock (_gate)
        {
            if (!_setups.TryGetValue(leg.CallId, out var setup))
            {
                return;
            }

            connected = ++setup.LegsConnected;
            setup.Activity.AddEvent(new ActivityEvent("media.leg_connected", tags: new ActivityTagsCollection { ["conclave.device.id"] = leg.DeviceId }));
            if (connected == 2)
            {
                setup.Activity.AddEvent(new ActivityEvent("media.connected"));
                _setups.Remove(leg.CallId);
                done = setup.Activity;
            }
        }

        CallLog.MediaLegConnected(_logger, leg.CallId, leg.DeviceId, connected);
        if (done is not null)
        {
            Finish(done, "connected", Activity.Current);
        }
    }

    private sealed class Setup(Activity activity)
    {
        public Activity Activity { get; } = activity;

        public int LegsConnected { get; set; }
    }
}
