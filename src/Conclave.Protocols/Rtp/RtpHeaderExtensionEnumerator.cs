namespace Conclave.Protocols.Rtp;

/// <summary>
/// Walks the RFC 8285 elements of an extension block without allocating. Padding bytes (id 0) are
/// skipped; a one-byte id of 15 ends the walk (RFC 8285 §4.2). An element running past the block
/// stops the walk and sets <see cref="Error"/>.
/// </summary>
public ref struct RtpHeaderExtensionEnumerator
{
    private readonly ReadOnlySpan<byte> _block;
    private readonly bool _oneByte;
    private readonly bool _twoByte;
    private int _offset;

    public RtpHeaderExtensionEnumerator(ushort profile, ReadOnlySpan<byte> block)
    {
        _block = block;
        _oneByte = profile == RtpHeaderExtensionProfiles.OneByte;
        _twoByte = RtpHeaderExtensionProfiles.IsTwoByte(profile);
        Current = default;
        Error = RtpParseError.None;
    }

    public RtpHeaderExtension Current { get; private set; }

    /// <summary><see cref="RtpParseError.BadExtension"/> when an element overran the block.</summary>
    public RtpParseError Error { get; private set; }

    public readonly RtpHeaderExtensionEnumerator GetEnumerator() => this;

    public bool MoveNext()
    {
        if (!_oneByte && !_twoByte)
        {
            return false;
        }

        while (_offset < _block.Length && _block[_offset] == 0)
        {
            _offset++;
        }

        if (_offset >= _block.Length)
        {
            return false;
        }

        int id, length, dataOffset;
        if (_oneByte)
        {
            id = _block[_offset] >> 4;
            if (id == 15)
            {
                _offset = _block.Length;
                return false;
            }

            length = (_block[_offset] & 0x0F) + 1;
            dataOffset = _offset + 1;
        }
        else
        {
            if (_offset + 2 > _block.Length)
            {
                return Fail();
            }

            id = _block[_offset];
            length = _block[_offset + 1];
            dataOffset = _offset + 2;
        }

        if (dataOffset + length > _block.Length)
        {
            return Fail();
        }

        Current = new RtpHeaderExtension((byte)id, _block.Slice(dataOffset, length));
        _offset = dataOffset + length;
        return true;
    }

    private bool Fail()
    {
        Error = RtpParseError.BadExtension;
        _offset = _block.Length;
        return false;
    }
}
