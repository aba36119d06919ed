using System.Net;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Turn;

/// <summary>Requests, the long-term credential dance and the receive path.</summary>
public sealed partial class TurnClient
{
    private const int MaxAuthenticationRounds = 3;

    /// <summary>RFC 8489 §6.2.1: initial RTO 500 ms, doubled, Rc = 7 transmissions.</summary>
    private static readonly TimeSpan InitialRto = TimeSpan.FromMilliseconds(500);

    private Task<StunMessage> RequestAsync(StunMethod method, Action<StunMessageBuilder> attributes, CancellationToken cancellationToken) =>
        RequestAsync(method, attributes, 7, cancellationToken);

    private StunMessageBuilder Build(StunMethod method, Action<StunMessageBuilder> attributes, out byte[]? key)
    {
        var builder = new StunMessageBuilder(method, StunClass.Request);
        attributes(builder);
        lock (_lock)
        {
            key = _key;
            if (key is not null)
            {
                // RFC 8489 §9.2.4: USERNAME, REALM, NONCE and MESSAGE-INTEGRITY with the long-term key.
                builder.AddString(StunAttributeType.Username, _username)
                    .AddString(StunAttributeType.Realm, _realm!)
                    .AddString(StunAttributeType.Nonce, _nonce!)
                    .AddMessageIntegrity(key);
            }
        }

        return builder.AddFingerprint();
    }

    private async Task SendOnceAsync(StunMethod method, Action<StunMessageBuilder> attributes)
    {
        try
        {
            await _socket.SendToAsync(Build(method, attributes, out _).ToArray(), _server, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or System.Net.Sockets.SocketException)
        {
        }
    }

    private async Task<StunMessage> RequestAsync(StunMethod method, Action<StunMessageBuilder> attributes, int maxTransmissions, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            var builder = Build(method, attributes, out var key);
            var response = await TransactAsync(builder, maxTransmissions, cancellationToken).ConfigureAwait(false);
            if (key is not null && !response.VerifyMessageIntegrity(key) && response.Class == StunClass.SuccessResponse)
            {
                throw new TurnException(0, "Response failed MESSAGE-INTEGRITY.");
            }

            if (response.Class == StunClass.SuccessResponse)
            {
                return response;
            }

            response.TryGetErrorCode(out var code, out var reason);
            var canRetry = round < MaxAuthenticationRounds && response.TryGetString(StunAttributeType.Nonce, out var nonce);
            if (canRetry && (code == StunErrorCodes.Unauthorized && key is null || code == StunErrorCodes.StaleNonce))
            {
                // RFC 8489 §9.2.5: a 401 gives REALM and NONCE; a 438 gives a fresh NONCE.
                response.TryGetString(StunAttributeType.Realm, out var realm);
                response.TryGetString(StunAttributeType.Nonce, out nonce);
                lock (_lock)
                {
                    if (code == StunErrorCodes.StaleNonce)
                    {
                        StaleNonceRetries++;
                    }

                    if (realm.Length > 0)
                    {
                        _realm = realm;
                    }

                    _nonce = nonce;
                    _key ??= StunCredentials.LongTermKey(_username, _realm ?? string.Empty, _password);
                }

                continue;
            }

            throw new TurnException(code, $"{method} failed: {code} {reason}");
        }
    }

    private async Task<StunMessage> TransactAsync(StunMessageBuilder builder, int maxTransmissions, CancellationToken cancellationToken)
    {
        var tcs = new TaskCompletionSource<StunMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        var key = StunMessage.TransactionKeyOf(builder.TransactionId);
        var request = builder.ToArray();
        lock (_lock)
        {
            _pending[key] = tcs;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        try
        {
            var rto = InitialRto;
            for (var i = 0; i < maxTransmissions; i++)
            {
                await _socket.SendToAsync(request, _server, linked.Token).ConfigureAwait(false);
                var wait = i == maxTransmissions - 1 ? rto * 2 : rto;
                var delay = Task.Delay(wait, _time, linked.Token);
                if (await Task.WhenAny(tcs.Task, delay).ConfigureAwait(false) == tcs.Task)
                {
                    return await tcs.Task.ConfigureAwait(false);
                }

                await delay.ConfigureAwait(false);
                rto *= 2;
            }

            throw new TurnException(0, "TURN server did not answer.");
        }
        finally
        {
            lock (_lock)
            {
                _pending.Remove(key);
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65536];
        var token = _cts.Token;
        while (!token.IsCancellationRequested)
        {
            DatagramReceived received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or System.Net.Sockets.SocketException)
            {
                return;
            }

            if (received.RemoteEndPoint.Equals(_server))
            {
                HandleFromServer(buffer.AsSpan(0, received.Length));
            }
        }
    }

    private void HandleFromServer(ReadOnlySpan<byte> data)
    {
        if (ChannelData.LooksLikeChannelData(data))
        {
            if (ChannelData.TryParse(data, out var frame, out _))
            {
                IPEndPoint? peer;
                lock (_lock)
                {
                    _peersByChannel.TryGetValue(frame.ChannelNumber, out peer);
                }

                if (peer is not null)
                {
                    _received.Writer.TryWrite((frame.Data.ToArray(), peer));
                }
            }

            return;
        }

        if (!StunMessage.TryParse(data, out var message, out _))
        {
            return;
        }

        if (message.Class == StunClass.Indication && message.Method == StunMethod.Data)
        {
            // RFC 8656 §10.4: Data indication with XOR-PEER-ADDRESS and DATA.
            if (message.TryGetXorAddress(StunAttributeType.XorPeerAddress, out var peer) && message.TryGetAttribute(StunAttributeType.Data, out var attribute))
            {
                _received.Writer.TryWrite((message.GetValue(attribute).ToArray(), peer));
            }

            return;
        }

        if (message.Class is StunClass.SuccessResponse or StunClass.ErrorResponse)
        {
            TaskCompletionSource<StunMessage>? tcs;
            lock (_lock)
            {
                _pending.TryGetValue(message.TransactionKey, out tcs);
            }

            tcs?.TrySetResult(message);
        }
    }
}
