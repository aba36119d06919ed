using Org.BouncyCastle.Tls;

namespace Conclave.Protocols.Dtls;

/// <summary>
/// An established DTLS-SRTP association. It keeps reading the channel after the handshake: the peer
/// may retransmit its last flight, which the record layer must answer (RFC 6347 §4.2.4), and a
/// close_notify from the peer ends the association (RFC 5246 §7.2.1).
/// </summary>
public sealed class DtlsSrtpSession : IAsyncDisposable
{
    /// <summary>
    /// Longest single wait of the reader, and so the delay before a local close is acted on: the
    /// record layer is not thread-safe, so close_notify is sent from the reader's own thread.
    /// </summary>
    private const int PollMillis = 50;

    private readonly DtlsTransport _transport;
    private readonly DtlsPacketChannel _channel;
    private readonly DtlsHandshakeOutcome _outcome;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _closeRequested;

    internal DtlsSrtpSession(DtlsRole role, DtlsTransport transport, DtlsPacketChannel channel, DtlsHandshakeOutcome outcome)
    {
        Role = role;
        _transport = transport;
        _channel = channel;
        _outcome = outcome;
        Keys = outcome.Keys!;
        RemoteFingerprint = outcome.RemoteFingerprint!;
        Task.Factory.StartNew(ReadUntilClosed, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Our DTLS role in this association.</summary>
    public DtlsRole Role { get; }

    /// <summary>The SRTP keys exported by the handshake.</summary>
    public DtlsSrtpKeys Keys { get; }

    /// <summary>The SHA-256 fingerprint of the certificate the peer presented (it matched SDP).</summary>
    public DtlsFingerprint RemoteFingerprint { get; }

    /// <summary>Whether the peer ended the association with close_notify.</summary>
    public bool ClosedByPeer => _outcome.CloseNotifyReceived;

    /// <summary>Completes when the association has ended, by either side.</summary>
    public Task Completion => _closed.Task;

    /// <summary>Sends close_notify (RFC 5246 §7.2.1) and waits until the reader has stopped.</summary>
    public Task CloseAsync()
    {
        _closeRequested = true;
        return _closed.Task;
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);

    private void ReadUntilClosed()
    {
        var buffer = new byte[_transport.GetReceiveLimit()];
        try
        {
            while (!_channel.IsClosed)
            {
                if (_closeRequested)
                {
                    // The record layer sends close_notify and closes the channel.
                    _transport.Close();
                    break;
                }

                // Application data (a data channel would be SCTP here) is not used by Conclave's media path.
                _ = _transport.Receive(buffer, 0, buffer.Length, PollMillis);
            }
        }
        catch (IOException)
        {
            // A fatal alert or a broken record ends the association the same way as close_notify.
            _channel.Close();
        }
        finally
        {
            _closed.TrySetResult();
        }
    }
}
