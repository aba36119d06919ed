using System.Collections.Concurrent;
using System.Threading.Channels;
using Conclave.Client.Auth;
using Conclave.Contracts.Errors;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conclave.Client.Calls;

/// <summary>
/// One device on the server's call hub (<c>/hubs/calls</c>): registers with its capabilities, places and
/// answers one-to-one calls, and runs the media leg: peer to peer with the per-call ICE servers for
/// end-to-end encrypted calls, to the server's media processor for standard ones. Hub pushes are queued and handled in order on one loop, so a slow step (gathering
/// candidates) never blocks the connection.
/// </summary>
public sealed class CallClient : IAsyncDisposable
{
    public const string HubPath = "hubs/calls";

    /// <summary>
    /// The reason a call ends with on this device when its hub connection closes: the server hangs up
    /// every call of a connection it loses, so the call is over whether or not the peer hears of it.
    /// </summary>
    public const string ConnectionLost = "ConnectionLost";

    private readonly HubConnection _hub;
    private readonly CallClientOptions _options;
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<IncomingCall> _incoming = Channel.CreateUnbounded<IncomingCall>();
    private readonly ConcurrentDictionary<Guid, Call> _calls = new();
    private readonly ConcurrentDictionary<Guid, IncomingCall> _ringing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ILogger _logger;
    private Task? _loop;

    private CallClient(HubConnection hub, CallClientOptions options)
    {
        _hub = hub;
        _options = options;
        _logger = options.LoggerFactory?.CreateLogger<CallClient>() ?? NullLogger<CallClient>.Instance;
        _hub.On<IncomingCallMessage>(CallClientMethods.IncomingCall, m => _inbox.Writer.TryWrite(m));
        _hub.On<CallAcceptedMessage>(CallClientMethods.CallAccepted, m => _inbox.Writer.TryWrite(m));
        _hub.On<CallEndedMessage>(CallClientMethods.CallEnded, m => _inbox.Writer.TryWrite(m));
        _hub.On<DescriptionMessage>(CallClientMethods.Description, m => _inbox.Writer.TryWrite(m));
        _hub.On<CandidateMessage>(CallClientMethods.Candidate, m => _inbox.Writer.TryWrite(m));

        // Queued behind what the server sent before the connection closed, so the calls end in order.
        _hub.Closed += _ =>
        {
            _inbox.Writer.TryWrite(HubClosed.Instance);
            return Task.CompletedTask;
        };
    }

    /// <summary>This device as the server registered it.</summary>
    public DeviceInfo Device { get; private set; } = null!;

    internal HubConnection Hub => _hub;

    internal CallClientOptions Options => _options;

    /// <summary>Connects with the session's access token and the server trust of its connection, then registers the device.</summary>
    public static async Task<CallClient> ConnectAsync(ConclaveSession session, CallClientOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(options);
        var hub = HubConnections.Create(session, HubPath);
        var client = new CallClient(hub, options);
        try
        {
            await hub.StartAsync(cancellationToken);
            client.Device = await hub.InvokeAsync<DeviceInfo>(CallHubMethods.RegisterDevice, options.DeviceName, options.E2eeCapable, cancellationToken);
            if (client.Device.Error is { } refused)
            {
                throw new CallException(refused);
            }

            ClientLog.DeviceRegistered(client._logger, client.Device.DeviceId, client.Device.E2eeCapable);
            client._loop = Task.Run(() => client.RunAsync(client._stop.Token), CancellationToken.None);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Calls <paramref name="upn"/>; the call rings until answered, declined, cancelled or timed out.</summary>
    /// <exception cref="CallException">Refused: unknown user, busy, offline, E2EE required but impossible, …</exception>
    public async Task<Call> PlaceAsync(string upn, CancellationToken cancellationToken)
    {
        var answer = await _hub.InvokeAsync<PlaceCallAnswer>(CallHubMethods.PlaceCall, upn, cancellationToken);
        if (answer.Error is { } error)
        {
            ClientLog.CallRefused(_logger, error.Code);
            throw new CallException(error, answer.E2ee);
        }

        ClientLog.CallPlaced(_logger, answer.CallId, answer.E2ee?.EndToEnd);
        var call = new Call(this, answer.CallId!.Value, upn, isCaller: true, answer.E2ee!, answer.IceServers);
        _calls[call.Id] = call;
        return call;
    }

    /// <summary>Waits for the next call ringing on this device.</summary>
    /// <exception cref="CallException">The hub connection closed (<see cref="ErrorCodes.Client.ConnectionLost"/>).</exception>
    public async Task<IncomingCall> WaitForIncomingAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _incoming.Reader.ReadAsync(cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new CallException(new SignalError(ErrorCodes.Client.ConnectionLost, "The connection to the server closed."));
        }
    }

    /// <summary>Answers a ringing call on this device; refused if another device answered first.</summary>
    public async Task<Call> AnswerAsync(IncomingCall incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        _ringing.TryRemove(incoming.CallId, out _);
        var call = new Call(this, incoming.CallId, incoming.CallerUpn, isCaller: false, incoming.Message.E2ee, incoming.Message.IceServers);
        _calls[call.Id] = call;

        // The media leg exists before the offer can arrive, so early candidates are kept.
        call.PrepareAnswerer();
        var answer = await _hub.InvokeAsync<AcceptAnswer>(CallHubMethods.Accept, incoming.CallId, cancellationToken);
        if (answer.Error is { } error)
        {
            _calls.TryRemove(call.Id, out _);
            await call.DisposeMediaAsync();
            throw new CallException(error, answer.E2ee);
        }

        call.OnAccepted(answer.E2ee!, answer.IceServers);
        ClientLog.CallAnswered(_logger, call.Id);
        return call;
    }

    public async Task DeclineAsync(IncomingCall incoming, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (await _hub.InvokeAsync<SignalError?>(CallHubMethods.Decline, incoming.CallId, cancellationToken) is { } error)
        {
            throw new CallException(error);
        }
    }

    public Task<IReadOnlyList<MissedCallInfo>> GetMissedCallsAsync(CancellationToken cancellationToken) =>
        _hub.InvokeAsync<IReadOnlyList<MissedCallInfo>>(CallHubMethods.GetMissedCalls, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _inbox.Writer.TryComplete();
        foreach (var call in _calls.Values)
        {
            await call.DisposeMediaAsync();
        }

        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await _hub.DisposeAsync();
        _stop.Dispose();
    }

    internal void Forget(Call call) => _calls.TryRemove(call.Id, out _);

    /// <summary>Ends every call and stops every ringing one on this device, with <paramref name="reason"/>.</summary>
    private void EndAll(string reason)
    {
        foreach (var call in _calls.Values)
        {
            ClientLog.CallEnded(_logger, call.Id, reason, false);
            call.OnEnded(reason, missed: false);
        }

        foreach (var id in _ringing.Keys)
        {
            if (_ringing.TryRemove(id, out var stopped))
            {
                stopped.OnStopped(reason);
            }
        }
    }

    /// <summary>The hub connection closed (the server went away, or dropped this connection).</summary>
    private sealed class HubClosed
    {
        public static readonly HubClosed Instance = new();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(cancellationToken))
            {
                switch (message)
                {
                    case IncomingCallMessage m:
                        var incoming = new IncomingCall(m);
                        _ringing[m.CallId] = incoming;
                        ClientLog.IncomingCall(_logger, m.CallId);
                        _incoming.Writer.TryWrite(incoming);
                        break;
                    case CallAcceptedMessage m when _calls.TryGetValue(m.CallId, out var call):
                        await call.OnRemoteAcceptedAsync(m, cancellationToken);
                        break;
                    case CallEndedMessage m:
                        ClientLog.CallEnded(_logger, m.CallId, m.Reason, m.Missed);
                        if (_calls.TryGetValue(m.CallId, out var ended))
                        {
                            ended.OnEnded(m.Reason, m.Missed);
                        }
                        else if (_ringing.TryRemove(m.CallId, out var stopped))
                        {
                            stopped.OnStopped(m.Reason);
                        }

                        break;
                    case DescriptionMessage m when _calls.TryGetValue(m.CallId, out var call):
                        await call.OnDescriptionAsync(m, cancellationToken);
                        break;
                    case CandidateMessage m when _calls.TryGetValue(m.CallId, out var call):
                        call.OnCandidate(m.Candidate);
                        break;
                    case HubClosed:
                        EndAll(ConnectionLost);
                        _incoming.Writer.TryComplete();
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
