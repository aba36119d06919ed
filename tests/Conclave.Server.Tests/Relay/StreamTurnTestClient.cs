using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conclave.Protocols.Stun;
using Conclave.Protocols.Turn;

namespace Conclave.Server.Tests.Relay;

/// <summary>A TURN client over TCP or TLS: STUN messages and padded ChannelData on one stream (RFC 8656 §12.5).</summary>
internal sealed class StreamTurnTestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private string _realm = string.Empty;
    private string _nonce = string.Empty;
    private byte[]? _key;
    private string _username = string.Empty;

    private StreamTurnTestClient(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    public static async Task<StreamTurnTestClient> ConnectAsync(IPEndPoint server, X509Certificate2? trusted = null)
    {
        var tcp = new TcpClient(AddressFamily.InterNetwork);
        await tcp.ConnectAsync(server);
        Stream stream = tcp.GetStream();
        if (trusted is not null)
        {
            // The test's self-signed certificate is the only one trusted: pinned by thumbprint.
            var ssl = new SslStream(stream, false, (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString());
            await ssl.AuthenticateAsClientAsync("localhost");
            stream = ssl;
        }

        return new StreamTurnTestClient(tcp, stream);
    }

    public async Task<StunMessage> RequestAsync(Func<StunMessageBuilder> build)
    {
        var response = await TransactAsync(Sign(build()));
        if (StunErrorOf(response) == StunErrorCodes.Unauthorized)
        {
            response.TryGetString(StunAttributeType.Realm, out _realm);
            response.TryGetString(StunAttributeType.Nonce, out _nonce);
            _key = StunCredentials.LongTermKey(_username, _realm, Password);
            response = await TransactAsync(Sign(build()));
        }

        return response;
    }

    public string Password { get; private set; } = string.Empty;

    public void UseCredentials(string username, string password)
    {
        _username = username;
        Password = password;
    }

    public async Task SendChannelDataAsync(ushort channel, byte[] data)
    {
        var frame = new byte[ChannelData.GetEncodedLength(data.Length, pad: true)];
        ChannelData.TryWrite(frame, channel, data, pad: true, out _);
        await _stream.WriteAsync(frame);
    }

    /// <summary>Reads one frame; returns the raw bytes (ChannelData including its padding).</summary>
    public async Task<byte[]> ReadFrameAsync()
    {
        using var cts = new CancellationTokenSource(5000);
        var prefix = new byte[4];
        await _stream.ReadExactlyAsync(prefix, cts.Token);
        int length = BinaryPrimitives.ReadUInt16BigEndian(prefix.AsSpan(2));
        var total = (prefix[0] & 0xC0) == 0 ? StunMessage.HeaderLength + length : 4 + ((length + 3) & ~3);
        var frame = new byte[total];
        prefix.CopyTo(frame, 0);
        await _stream.ReadExactlyAsync(frame.AsMemory(4), cts.Token);
        return frame;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }

    private StunMessageBuilder Sign(StunMessageBuilder builder)
    {
        if (_key is not null)
        {
            builder.AddString(StunAttributeType.Username, _username)
                .AddString(StunAttributeType.Realm, _realm)
                .AddString(StunAttributeType.Nonce, _nonce)
                .AddMessageIntegrity(_key);
        }

        return builder.AddFingerprint();
    }

    private async Task<StunMessage> TransactAsync(StunMessageBuilder request)
    {
        await _stream.WriteAsync(request.ToArray());
        while (true)
        {
            var frame = await ReadFrameAsync();
            if (StunMessage.TryParse(frame, out var message, out _) && message.TransactionId.SequenceEqual(request.TransactionId))
            {
                return message;
            }
        }
    }

    private static int StunErrorOf(StunMessage message) => message.TryGetErrorCode(out var code, out _) ? code : 0;
}
