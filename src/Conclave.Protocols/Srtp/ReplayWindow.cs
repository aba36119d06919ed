namespace Conclave.Protocols.Srtp;

/// <summary>
/// The sliding replay list of RFC 3711 §3.3.2 as a circular bitmap: bit (index mod size) marks a
/// received index within <see cref="Size"/> of the highest one. Check before authenticating,
/// <see cref="Accept"/> only after the tag verified, so forged packets cannot move the window.
/// </summary>
internal sealed class ReplayWindow
{
    private readonly ulong[] _bits;
    private ulong _highest;
    private bool _any;

    public ReplayWindow(int size)
    {
        Size = size;
        _bits = new ulong[size / 64];
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

        return IsSet(index) ? SrtpError.Replayed : SrtpError.None;
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
                for (var i = _highest + 1; i < index; i++)
                {
                    Clear(i);
                }
            }

            _highest = index;
        }

        Set(index);
    }

    private bool IsSet(ulong index)
    {
        var bit = index % (ulong)Size;
        return (_bits[bit >> 6] & (1UL << (int)(bit & 63))) != 0;
    }

    private void Set(ulong index)
    {
        var bit = index % (ulong)Size;
        _bits[bit >> 6] |= 1UL << (int)(bit & 63);
    }

    private void Clear(ulong index)
    {
        var bit = index % (ulong)Size;
        _bits[bit >> 6] &= ~(1UL << (int)(bit & 63));
    }
}
