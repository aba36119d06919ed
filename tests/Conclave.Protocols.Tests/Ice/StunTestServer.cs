using System.Net;
using Conclave.Protocols.Net;
using Conclave.Protocols.Stun;

namespace Conclave.Protocols.Tests.Ice;

/// <summary>A STUN binding server (RFC 8489 §6.3) on a socket of the test's network: answers with XOR-MAPPED-ADDRESS.</summary>
internal sealed class StunTestServer : IAsyncDisposable
{
    private readonly IDatagramSocket _socket;
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _loop;

    private StunTestServer(IDatagramSocket socket)
    {
        _socket = socket;
        _loop = RunAsync();
    }

    public IPEndPoint EndPoint => _socket.LocalEndPoint;

    public int Answered { get; private set; }

    public static async Task<StunTestServer> StartAsync(INetwork network, IPAddress address) =>
        new(await network.BindAsync(new IPEndPoint(address, 3478), CancellationToken.None));

    private async Task RunAsync()
    {
        var buffer = new byte[2048];
        while (!_cts.IsCancellationRequested)
        {
            DatagramReceived received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, _cts.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }

            if (StunMessage.TryParse(buffer.AsSpan(0, received.Length), out var request, out _) &&
                request.Method == StunMethod.Binding && request.Class == StunClass.Request)
            {
                var response = new StunMessageBuilder(StunMethod.Binding, StunClass.SuccessResponse, request.TransactionId)
                    .AddXorAddress(StunAttributeType.XorMappedAddress, received.RemoteEndPoint)
                    .AddFingerprint()
                    .ToArray();
                Answered++;
                await _socket.SendToAsync(response, received.RemoteEndPoint, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        await _socket.DisposeAsync();
        try
        {
            await _loop;
        }
        catch (ObjectDisposedException)
        {
        }

        _cts.Dispose();
    }
}
