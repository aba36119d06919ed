using Conclave.Client.Media;
using Conclave.Contracts.Errors;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Client.Calls;

/// <summary>
/// One call on this device. For an end-to-end encrypted call the caller offers once the callee accepted,
/// the callee answers, candidates trickle through the hub, and the media leg runs DTLS-SRTP peer to peer:
/// <see cref="SecurityCode"/> is then computed from the two fingerprints the handshake proved. In a
/// standard call both devices offer once it is accepted, the server's media processor answers each with
/// its own ICE-lite, DTLS-server leg, and media is encrypted to the server, which forwards it: there is no
/// security code, since the fingerprint proved is the server's.
/// </summary>
public sealed class Call
{
    private readonly CallClient _client;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _mediaReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<IceServerInfo> _iceServers;
    private MediaEndpoint? _media;
    private MediaStatistics? _finalStatistics;
    private DateTimeOffset? _connectedAt;
    private DateTimeOffset? _endedAt;

    internal Call(CallClient client, Guid id, string peerUpn, bool isCaller, E2eeInfo e2ee, IReadOnlyList<IceServerInfo> iceServers)
    {
        _client = client;
        Id = id;
        PeerUpn = peerUpn;
        IsCaller = isCaller;
        E2ee = e2ee;
        _iceServers = iceServers;
        _ = _mediaReady.Task.ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    public Guid Id { get; }

    public string PeerUpn { get; }

    public bool IsCaller { get; }

    public CallPhase Phase { get; private set; } = CallPhase.Ringing;

    /// <summary>The server's E2EE verdict; final once connected.</summary>
    public E2eeInfo E2ee { get; private set; }

    /// <summary>The ICE servers the server handed this device for this call.</summary>
    public IReadOnlyList<IceServerInfo> IceServers => _iceServers;

    /// <summary>Completes when the callee accepted.</summary>
    public Task Connected => _connected.Task;

    /// <summary>Completes with the end reason (HungUp, Declined, Cancelled, Busy, NoAnswer).</summary>
    public Task<string> Ended => _ended.Task;

    /// <summary>Completes when DTLS-SRTP is up; fails with a <see cref="CallException"/> when media cannot run.</summary>
    public Task MediaReady => _mediaReady.Task;

    /// <summary>The 20-digit security code from both DTLS fingerprints; null until media is up, and for standard calls.</summary>
    public string? SecurityCode => E2ee.EndToEnd ? _media?.SecurityCode : null;

    /// <summary>Time from connect to end (or to now).</summary>
    public TimeSpan Duration => _connectedAt is { } start ? (_endedAt ?? _client.Options.TimeProvider.GetUtcNow()) - start : TimeSpan.Zero;

    public MediaStatistics? Statistics => _finalStatistics ?? _media?.GetStatistics();

    /// <summary>The media leg once created (selected pair, fingerprints); in a standard call its peer is the server's media processor.</summary>
    public MediaEndpoint? Media => _media;

    public bool ToneDetected(double frequency) => _media?.ToneDetected(frequency) ?? false;

    /// <summary>Asks the server for an in-call feature; answers the refusal (<c>E2eeActive</c> or <c>NotAvailable</c>).</summary>
    public Task<SignalError> RequestFeatureAsync(string feature, CancellationToken cancellationToken) =>
        _client.Hub.InvokeAsync<SignalError>(CallHubMethods.RequestFeature, Id, feature, cancellationToken);

    /// <summary>Hangs up (cancels while ringing) and closes the media leg.</summary>
    public async Task HangUpAsync(CancellationToken cancellationToken)
    {
        var error = await _client.Hub.InvokeAsync<SignalError?>(CallHubMethods.HangUp, Id, cancellationToken);
        if (error is not null && Phase != CallPhase.Ended)
        {
            throw new CallException(error);
        }

        OnEnded(IsCaller && Phase == CallPhase.Ringing ? "Cancelled" : "HungUp", missed: false);
        await DisposeMediaAsync();
    }

    internal void PrepareAnswerer()
    {
        if (E2ee.EndToEnd)
        {
            _media = CreateMedia();
        }
    }

    /// <summary>Callee side: the server confirmed our accept with the final verdict.</summary>
    internal void OnAccepted(E2eeInfo e2ee, IReadOnlyList<IceServerInfo> iceServers)
    {
        E2ee = e2ee;
        _iceServers = iceServers;
        MarkConnected();
    }

    /// <summary>
    /// Both sides: the callee accepted. In an E2EE call the caller offers to the callee; in a standard call
    /// each side offers to the server's media processor (docs/api.md, "Standard-call media").
    /// </summary>
    internal async Task OnRemoteAcceptedAsync(CallAcceptedMessage message, CancellationToken cancellationToken)
    {
        E2ee = message.E2ee;
        MarkConnected();
        var standard = !E2ee.EndToEnd;
        if (!IsCaller && !standard)
        {
            return;
        }

        try
        {
            _media = CreateMedia(trickle: !standard);
            var offer = await _media.CreateOfferAsync(cancellationToken);
            await SendAsync(CallHubMethods.SendDescription, "offer", offer, cancellationToken);
        }
        catch (Exception e) when (e is MediaCallException or CallException or HubException or InvalidOperationException)
        {
            _mediaReady.TrySetException(new CallException("call.media_failed: " + e.Message, e));
        }
    }

    internal async Task OnDescriptionAsync(DescriptionMessage message, CancellationToken cancellationToken)
    {
        if (_media is null)
        {
            return;
        }

        try
        {
            if (message.Type == "offer" && !IsCaller)
            {
                var answer = await _media.CreateAnswerAsync(message.Sdp, cancellationToken);

                // DTLS starts while the answer travels: the caller takes it from an address
                // that already proved our ICE credentials to it (RFC 8445 §12.2).
                StartConnecting();
                await SendAsync(CallHubMethods.SendDescription, "answer", answer, cancellationToken);
            }
            else if (message.Type == "answer" && (IsCaller || !E2ee.EndToEnd))
            {
                _media.ApplyAnswer(message.Sdp);
                StartConnecting();
            }
        }
        catch (MediaCallException e)
        {
            _mediaReady.TrySetException(new CallException(new SignalError(ErrorCodes.Client.MediaPrefix + e.Error.ToString(), e.Message), E2ee, e));
        }
        catch (Exception e) when (e is CallException or HubException or InvalidOperationException)
        {
            // The call ended (or the hub went away) while the description was being answered.
            _mediaReady.TrySetException(e as CallException ?? new CallException("call.media_failed: " + e.Message, e));
        }
    }

    internal void OnCandidate(string? candidate)
    {
        if (candidate is null)
        {
            _media?.AddRemoteEndOfCandidates();
        }
        else
        {
            _media?.AddRemoteCandidate(candidate);
        }
    }

    internal void OnEnded(string reason, bool missed)
    {
        _ = missed;
        if (Phase == CallPhase.Ended)
        {
            return;
        }

        Phase = CallPhase.Ended;
        _endedAt = _client.Options.TimeProvider.GetUtcNow();
        _finalStatistics = _media?.GetStatistics();
        _connected.TrySetException(new CallException(new SignalError(ErrorCodes.Client.CallEnded, $"The call ended: {reason}.")));
        _ = _connected.Task.ContinueWith(t => t.Exception, TaskScheduler.Default);
        _mediaReady.TrySetException(new CallException(new SignalError(ErrorCodes.Client.CallEnded, $"The call ended: {reason}.")));
        _ended.TrySetResult(reason);
        _client.Forget(this);
    }

    internal async Task DisposeMediaAsync()
    {
        var media = _media;
        if (media is null)
        {
            return;
        }

        _finalStatistics ??= media.GetStatistics();
        await media.CloseAsync(CancellationToken.None);
    }

    private void MarkConnected()
    {
        Phase = CallPhase.Connected;
        _connectedAt = _client.Options.TimeProvider.GetUtcNow();
        _connected.TrySetResult();
    }

    private MediaEndpoint CreateMedia(bool trickle = true)
    {
        var options = _client.Options;
        var (stun, turn) = IceServerParser.Parse(_iceServers);
        var media = MediaEndpoint.Create(new MediaEndpointOptions
        {
            AddressFilter = options.AddressFilter,
            StunServers = stun,
            TurnServers = turn,
            RelayOnly = options.RelayOnly && turn.Count > 0,
            TrickleCandidates = true,
            ToneFrequency = options.ToneFrequency,
            AudioSource = options.AudioSource,
            RtcpInterval = options.RtcpInterval,
            TimeProvider = options.TimeProvider,
        });
        if (trickle)
        {
            // A standard call's offer carries every candidate and end-of-candidates, and the media
            // processor is ICE-lite: trickling to it would only cost hub round trips.
            media.LocalCandidate += candidate => _ = SendCandidateAsync(candidate);
        }

        return media;
    }

    private async Task SendCandidateAsync(string? candidate)
    {
        try
        {
            await _client.Hub.InvokeAsync<SignalError?>(CallHubMethods.SendCandidate, Id, candidate, CancellationToken.None);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or OperationCanceledException)
        {
            // The offer and answer carry every gathered candidate too; a lost trickle only slows ICE.
        }
    }

    private async Task SendAsync(string method, string type, string sdp, CancellationToken cancellationToken)
    {
        if (await _client.Hub.InvokeAsync<SignalError?>(method, Id, type, sdp, cancellationToken) is { } error)
        {
            throw new CallException(error, E2ee);
        }
    }

    private void StartConnecting()
    {
        var media = _media!;
        _ = Task.Run(async () =>
        {
            try
            {
                await media.ConnectAsync(CancellationToken.None);
                _mediaReady.TrySetResult();
            }
            catch (MediaCallException e)
            {
                _mediaReady.TrySetException(new CallException(new SignalError(ErrorCodes.Client.MediaPrefix + e.Error.ToString(), e.Message), E2ee, e));
            }
            catch (ObjectDisposedException e)
            {
                _mediaReady.TrySetException(new CallException(ErrorCodes.Client.MediaClosed, e));
            }
        });
    }
}
