namespace Conclave.Protocols.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2 as a circular bitmap of ulongs: bit (index mod size) marks a
/// received index within <see cref="Size"/> of the highest one. Check before authenticating,
/// <see cref="Accept"/> only after the tag verified, so forged packets cannot move the window. Moving the
/// window clears whole words, so a jump costs at most size / 64 word writes and nothing is allocated.
/// </summary>
internal sealed class ReplayWindow
{
    private const int WordBits = 64;

    private readonly ulong[] _bits;
    private ulong _highest;
    private bool _any;

    /// <param name="size">Packets in the window, a multiple of 64 (<see cref="SrtpContextOptions.Validate"/> checks it).</param>
    public ReplayWindow(int size)
    {
        Size = size;
        _bits = new ulong[size / WordBits];
    }

    public int Size { get; }

    public SrtpError Check(ulong index)
    {
        if (!_any || index > _highest)
        {
            return SrtpError.None;
        }

        if (_highest - index >= (ulong)Size)
        {
            return SrtpError.TooOld;
        }

        var bit = Bit(index);
        return (_bits[bit / WordBits] & (1UL << (bit % WordBits))) != 0 ? SrtpError.Replayed : SrtpError.None;
    }

    public void Accept(ulong index)
    {
        if (!_any)
        {
            _any = true;
            _highest = index;
        }
        else if (index > _highest)
        {
            var advance = index - _highest;
            if (advance >= (ulong)Size)
            {
                Array.Clear(_bits);
            }
            else
            {
                // The indices skipped over reuse the bits of those that left the window.
                ClearRun(Bit(_highest + 1), (int)advance - 1);
            }

            _highest = index;
        }

        var set = Bit(index);
        _bits[set / WordBits] |= 1UL << (set % WordBits);
    }

    private int Bit(ulong index) => (int)(index % (ulong)Size);

    /// <summary>Clears <paramref name="count"/> (less than <see cref="Size"/>) bits from <paramref name="bit"/> on, wrapping once.</summary>
    private void ClearRun(int bit, int count)
    {
        while (count > 0)
        {
            var offset = bit % WordBits;
            var run = Math.Min(WordBits - offset, count);
            var mask = run == WordBits ? ulong.MaxValue : ((1UL << run) - 1) << offset;
            _bits[bit / WordBits] &= ~mask;
            count -= run;
            bit += run;
            if (bit == Size)
            {
                bit = 0;
            }
        }
    }
}
