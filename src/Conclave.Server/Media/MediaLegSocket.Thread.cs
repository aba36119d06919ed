using System.Net.Sockets;
using Conclave.Server.Networking;

namespace Conclave.Server.Media;

/// <summary>
/// The fallback receive path where no <see cref="UdpWorker"/> reads the socket (platforms other than
/// Linux x64/arm64, or a pool of size 0): a thread of the leg's own, blocked in a synchronous receive,
/// as the relay's listener there. The async receive path would allocate an operation object whenever
/// its continuation runs inline, which on the media path would be a steady share of the packets.
/// </summary>
internal sealed partial class MediaLegSocket
{
    /// <summary>Stack of a leg's receive thread: 256 KiB, ample for the forwarding path and DTLS hand-off.</summary>
    private const int ReceiveThreadStackSize = 256 * 1024;

    private void StartReceiveThread() =>
        new Thread(ReceiveLoop, ReceiveThreadStackSize) { IsBackground = true, Name = "media-leg " + LocalEndPoint }.Start();

    private void ReceiveLoop()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(ReceiveBufferSize, pinned: true);
        var from = _any.Serialize();
        var address = GC.AllocateUninitializedArray<byte>(from.Buffer.Length, pinned: true);
        try
        {
            while (Volatile.Read(ref _disposed) == 0)
            {
                int length;
                PeerAddress? to = null;
                if (_packetInformation)
                {
                    // Blocking recvmsg; disposing the socket unblocks it (it then returns 0 and the loop sees _disposed).
                    length = LinuxSockets.ReceiveMessage(_socket, buffer, address, wait: true, out to);
                    if (length < 0)
                    {
                        if (LinuxSockets.IsFatal(length))
                        {
                            return;
                        }

                        continue;
                    }

                    address.AsSpan(0, from.Size).CopyTo(from.Buffer.Span);
                    if (length > buffer.Length)
                    {
                        // Truncated (MSG_TRUNC gives the real length): an oversized datagram, as SocketError.MessageSize below.
                        _metrics.Refused();
                        continue;
                    }
                }
                else
                {
                    try
                    {
                        length = _socket.ReceiveFrom(buffer, SocketFlags.None, from);
                    }
                    catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.MessageSize)
                    {
                        // ICMP port unreachable or an oversized datagram: skip it and keep receiving.
                        _metrics.Refused();
                        continue;
                    }
                }

                Dispatch(buffer.AsSpan(0, length), from, to);
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or SocketException)
        {
            // The leg closed its socket under the pending receive.
        }
        finally
        {
            _stun.Writer.TryComplete();
        }
    }
}
