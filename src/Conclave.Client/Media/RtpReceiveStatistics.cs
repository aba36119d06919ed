namespace Conclave.Client.Media;

/// <summary>
/// Reception statistics of one RTP source as RFC 3550 keeps them: the extended highest sequence
/// number and loss (Appendix A.1 and A.3) and the interarrival jitter (§6.4.1, Appendix A.8).
/// </summary>
internal sealed class RtpReceiveStatistics
{
    /// <summary>RFC 3550 A.1: a jump larger than this is a restart, not loss.</summary>
    private const int MaxDropout = 3000;

    /// <summary>RFC 3550 A.1: sequence numbers this far behind are late packets.</summary>
    private const int MaxMisorder = 100;

    private const int SequenceModulus = 1 << 16;

    private bool _started;
    private ushort _maxSequence;
    private uint _cycles;
    private uint _baseSequence;
    private long _received;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lastTransit;
    private bool _haveTransit;
    private double _jitter;

    public long Received => _received;

    /// <summary>The extended highest sequence number received (RFC 3550 A.3: cycles + max_seq).</summary>
    public uint ExtendedHighestSequence => _cycles + _maxSequence;

    /// <summary>Packets expected from the first to the highest sequence number seen (RFC 3550 A.3).</summary>
    public long Expected => _started ? (long)ExtendedHighestSequence - _baseSequence + 1 : 0;

    /// <summary>Cumulative packets lost (RFC 3550 A.3): expected minus received; negative with duplicates.</summary>
    public long Lost => Expected - _received;

    /// <summary>Interarrival jitter in RTP timestamp units (RFC 3550 A.8).</summary>
    public double Jitter => _jitter;

    /// <summary>
    /// Accounts one packet. <paramref name="arrival"/> is the arrival time already converted to RTP
    /// timestamp units of the same clock (8 kHz for PCMU).
    /// </summary>
    public void Update(ushort sequence, uint timestamp, long arrival)
    {
        if (!_started)
        {
            _started = true;
            _maxSequence = sequence;
            _baseSequence = sequence;
            _cycles = 0;
        }
        else
        {
            int delta = (ushort)(sequence - _maxSequence);
            if (delta < MaxDropout)
            {
                // In order, with a permissible gap; a wrap adds a cycle.
                if (sequence < _maxSequence)
                {
                    _cycles += SequenceModulus;
                }

                _maxSequence = sequence;
            }
            else if (delta <= SequenceModulus - MaxMisorder)
            {
                // A very large jump: treat the source as restarted (RFC 3550 A.1 simplified: no probation).
                _maxSequence = sequence;
                _baseSequence = sequence;
                _cycles = 0;
                _received = 0;
                _expectedPrior = 0;
                _receivedPrior = 0;
            }

            // Otherwise a duplicate or reordered packet: counted as received below.
        }

        _received++;

        // RFC 3550 A.8: D = (Rj − Ri) − (Sj − Si); J += (|D| − J) / 16.
        long transit = arrival - timestamp;
        if (_haveTransit)
        {
            long d = Math.Abs(transit - _lastTransit);
            _jitter += (d - _jitter) / 16.0;
        }

        _lastTransit = transit;
        _haveTransit = true;
    }

    /// <summary>
    /// The fraction lost since the previous call, in 1/256 units (RFC 3550 A.3), for a report block.
    /// </summary>
    public byte TakeFractionLost()
    {
        long expected = Expected;
        long expectedInterval = expected - _expectedPrior;
        long receivedInterval = _received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = _received;
        long lostInterval = expectedInterval - receivedInterval;
        return expectedInterval == 0 || lostInterval <= 0 ? (byte)0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
    }
}
