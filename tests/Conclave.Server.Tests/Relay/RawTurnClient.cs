using System.Net;
using System.Net.Sockets;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>
/// A deliberately plain TURN client over a real UDP socket for refusal tests: it sends exactly the
/// request it is told to, so malformed, unauthenticated and misordered requests can be tried.
/// </summary>
internal sealed class RawTurnClient : IDisposable
{
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(5);
    private readonly Socket _socket;
    private readonly IPEndPoint _server;

    /// <summary>A client on an ephemeral port of <paramref name="local"/> (default 127.0.0.1) sending to <paramref name="server"/>.</summary>
    public RawTurnClient(IPEndPoint server, IPAddress? local = null)
    {
        _server = server;
        local ??= IPAddress.Loopback;
        _socket = new Socket(local.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(new IPEndPoint(local, 0));
    }

    /// <summary>The client's socket, for tests that then drive the data path by hand.</summary>
    public Socket Socket => _socket;

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public string? Realm { get; private set; }

    public string? Nonce { get; private set; }

    /// <summary>Where the last datagram received came from (the relay's address as the client sees it).</summary>
    public IPEndPoint? LastSource { get; private set; }

    private IPEndPoint AnyEndPoint => new(_socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);

    public void SendRaw(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, _server);

    public async Task<StunMessage> RequestAsync(StunMessageBuilder request)
    {
        SendRaw(request.ToArray());
        var response = await ReceiveStunAsync(request.TransactionId.ToArray());
        if (response.TryGetString(StunAttributeType.Nonce, out var nonce))
        {
            Nonce = nonce;
            response.TryGetString(StunAttributeType.Realm, out var realm);
            Realm = realm;
        }

        return response;
    }

    /// <summary>Waits for the STUN message answering <paramref name="transactionId"/>, skipping anything else.</summary>
    public async Task<StunMessage> ReceiveStunAsync(byte[]? transactionId = null)
    {
        using var cts = new CancellationTokenSource(ReceiveTimeout);
        var buffer = new byte[65536];
        while (true)
        {
            var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, AnyEndPoint, cts.Token);
            LastSource = (IPEndPoint)result.RemoteEndPoint;
            if (StunMessage.TryParse(buffer.AsSpan(0, result.ReceivedBytes), out var message, out _) &&
                (transactionId is null || message.TransactionId.SequenceEqual(transactionId)))
            {
                return message;
            }
        }
    }

    /// <summary>Receives the next datagram (ChannelData or STUN) as raw bytes.</summary>
    public async Task<byte[]> ReceiveRawAsync()
    {
        using var cts = new CancellationTokenSource(ReceiveTimeout);
        var buffer = new byte[65536];
        var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, AnyEndPoint, cts.Token);
        LastSource = (IPEndPoint)result.RemoteEndPoint;
        return buffer.AsSpan(0, result.ReceivedBytes).ToArray();
    }

    /// <summary>Gets REALM and NONCE with an unauthenticated Allocate (the 401 challenge).</summary>
    public async Task<StunMessage> ChallengeAsync()
    {
        var response = await RequestAsync(new StunMessageBuilder(StunMethod.Allocate, StunClass.Request).AddRequestedTransport().AddFingerprint());
        return response;
    }

    /// <summary>Adds USERNAME, REALM, NONCE and MESSAGE-INTEGRITY (MD5 key) to a request, as RFC 8489 §9.2.3 asks.</summary>
    public StunMessageBuilder Sign(StunMessageBuilder builder, string username, string password, string? nonce = null)
    {
        var key = StunCredentials.LongTermKey(username, Realm!, password);
        return builder.AddString(StunAttributeType.Username, username)
            .AddString(StunAttributeType.Realm, Realm!)
            .AddString(StunAttributeType.Nonce, nonce ?? Nonce!)
            .AddMessageIntegrity(key)
            .AddFingerprint();
    }

    public static StunMessageBuilder Allocate(byte transport = TurnAttributes.TransportUdp) =>
        new StunMessageBuilder(StunMethod.Allocate, StunClass.Request).AddRequestedTransport(transport);

    public async Task<StunMessage> AllocateAsync(string username, string password)
    {
        if (Nonce is null)
        {
            await ChallengeAsync();
        }

        return await RequestAsync(Sign(Allocate(), username, password));
    }

    public Task<StunMessage> SignedAsync(StunMessageBuilder builder, string username, string password) =>
        RequestAsync(Sign(builder, username, password));

    /// <summary>As <see cref="SignedAsync"/>, answering a 438 once with the fresh nonce (RFC 8489 §9.2.5).</summary>
    public async Task<StunMessage> SignedRetryingStaleAsync(Func<StunMessageBuilder> build, string username, string password)
    {
        var response = await RequestAsync(Sign(build(), username, password));
        if (response.TryGetErrorCode(out var code, out _) && code == StunErrorCodes.StaleNonce)
        {
            response = await RequestAsync(Sign(build(), username, password));
        }

        return response;
    }

    public void Dispose() => _socket.Dispose();
}

internal static class StunAssert
{
    public static int ErrorCode(StunMessage response)
    {
        Assert.Equal(StunClass.ErrorResponse, response.Class);
        Assert.True(response.TryGetErrorCode(out var code, out _));
        return code;
    }

    public static void Success(StunMessage response)
    {
        response.TryGetErrorCode(out var code, out var reason);
        Assert.True(response.Class == StunClass.SuccessResponse, $"expected success, got {code} {reason}");
    }
}
