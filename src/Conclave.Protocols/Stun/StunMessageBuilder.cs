using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Conclave.Protocols.Stun;

/// <summary>
/// Writes a STUN message attribute by attribute (RFC 8489 §5, §14). Integrity and fingerprint
/// attributes are computed over what was written before them, so add them last, in the order
/// MESSAGE-INTEGRITY, MESSAGE-INTEGRITY-SHA256, FINGERPRINT.
/// </summary>
public sealed class StunMessageBuilder
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public StunMessageBuilder(StunMethod method, StunClass messageClass)
        : this(method, messageClass, NewTransactionId())
    {
    }

    public StunMessageBuilder(StunMethod method, StunClass messageClass, ReadOnlySpan<byte> transactionId)
    {
        if (transactionId.Length != 12)
        {
            throw new ArgumentException("A STUN transaction id is 12 bytes.", nameof(transactionId));
        }

        BinaryPrimitives.WriteUInt16BigEndian(_buffer, StunMessage.EncodeType(method, messageClass));
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(4), StunMessage.MagicCookie);
        transactionId.CopyTo(_buffer.AsSpan(8));
        _length = StunMessage.HeaderLength;
        SetLength();
    }

    /// <summary>Byte used to pad attribute values to 4 bytes; RFC 8489 §14 lets it be anything, RFC 5769's samples use spaces.</summary>
    internal byte PaddingByte { get; set; }

    public ReadOnlySpan<byte> TransactionId => _buffer.AsSpan(8, 12);

    /// <summary>A fresh random 96-bit transaction id (RFC 8489 §6: uniformly and randomly chosen).</summary>
    public static byte[] NewTransactionId() => RandomNumberGenerator.GetBytes(12);

    public StunMessageBuilder Add(StunAttributeType type, ReadOnlySpan<byte> value)
    {
        var span = Reserve(type, value.Length);
        value.CopyTo(span);
        return this;
    }

    public StunMessageBuilder AddString(StunAttributeType type, string value)
    {
        var span = Reserve(type, Encoding.UTF8.GetByteCount(value));
        Encoding.UTF8.GetBytes(value, span);
        return this;
    }

    /// <summary>An attribute with an empty value (USE-CANDIDATE, DONT-FRAGMENT).</summary>
    public StunMessageBuilder AddFlag(StunAttributeType type)
    {
        Reserve(type, 0);
        return this;
    }

    public StunMessageBuilder AddUInt32(StunAttributeType type, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Reserve(type, 4), value);
        return this;
    }

    public StunMessageBuilder AddUInt64(StunAttributeType type, ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(Reserve(type, 8), value);
        return this;
    }

    public StunMessageBuilder AddXorAddress(StunAttributeType type, IPEndPoint endPoint)
    {
        var span = Reserve(type, StunAddress.EncodedLength(endPoint));
        StunAddress.WriteXor(span, endPoint, TransactionId);
        return this;
    }

    public StunMessageBuilder AddMappedAddress(IPEndPoint endPoint)
    {
        var span = Reserve(StunAttributeType.MappedAddress, StunAddress.EncodedLength(endPoint));
        StunAddress.Write(span, endPoint);
        return this;
    }

    /// <summary>ERROR-CODE (RFC 8489 §14.8): reserved bits, class (hundreds), number, reason phrase.</summary>
    public StunMessageBuilder AddErrorCode(int code, string reason)
    {
        if (code is < 300 or > 699)
        {
            throw new ArgumentOutOfRangeException(nameof(code));
        }

        var span = Reserve(StunAttributeType.ErrorCode, 4 + Encoding.UTF8.GetByteCount(reason));
        span[0] = 0;
        span[1] = 0;
        span[2] = (byte)(code / 100);
        span[3] = (byte)(code % 100);
        Encoding.UTF8.GetBytes(reason, span[4..]);
        return this;
    }

    public StunMessageBuilder AddUnknownAttributes(IReadOnlyList<ushort> types)
    {
        var span = Reserve(StunAttributeType.UnknownAttributes, types.Count * 2);
        for (var i = 0; i < types.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(i * 2)..], types[i]);
        }

        return this;
    }

    /// <summary>PASSWORD-ALGORITHM (RFC 8489 §14.12) without parameters.</summary>
    public StunMessageBuilder AddPasswordAlgorithm(StunPasswordAlgorithm algorithm)
    {
        var span = Reserve(StunAttributeType.PasswordAlgorithm, 4);
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)algorithm);
        BinaryPrimitives.WriteUInt16BigEndian(span[2..], 0);
        return this;
    }

    /// <summary>PASSWORD-ALGORITHMS (RFC 8489 §14.11): the list a server offers, none with parameters.</summary>
    public StunMessageBuilder AddPasswordAlgorithms(IReadOnlyList<StunPasswordAlgorithm> algorithms)
    {
        var span = Reserve(StunAttributeType.PasswordAlgorithms, algorithms.Count * 4);
        for (var i = 0; i < algorithms.Count; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(span[(i * 4)..], (ushort)algorithms[i]);
            BinaryPrimitives.WriteUInt16BigEndian(span[(i * 4 + 2)..], 0);
        }

        return this;
    }

    /// <summary>Appends MESSAGE-INTEGRITY (HMAC-SHA1 with the given key, RFC 8489 §14.5).</summary>
    public StunMessageBuilder AddMessageIntegrity(ReadOnlySpan<byte> key)
    {
        var offset = _length;
        var span = Reserve(StunAttributeType.MessageIntegrity, 20);
        StunIntegrity.Compute(_buffer.AsSpan(0, _length), offset, 20, key, sha256: false, span);
        return this;
    }

    /// <summary>Appends MESSAGE-INTEGRITY-SHA256 (HMAC-SHA256, RFC 8489 §14.6), untruncated.</summary>
    public StunMessageBuilder AddMessageIntegritySha256(ReadOnlySpan<byte> key)
    {
        var offset = _length;
        var span = Reserve(StunAttributeType.MessageIntegritySha256, 32);
        StunIntegrity.Compute(_buffer.AsSpan(0, _length), offset, 32, key, sha256: true, span);
        return this;
    }

    /// <summary>Appends FINGERPRINT (RFC 8489 §14.7).</summary>
    public StunMessageBuilder AddFingerprint()
    {
        var offset = _length;
        var span = Reserve(StunAttributeType.Fingerprint, 4);
        BinaryPrimitives.WriteUInt32BigEndian(span, StunFingerprint.Compute(_buffer.AsSpan(0, _length), offset));
        return this;
    }

    public int Length => _length;

    public byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public bool TryWrite(Span<byte> destination, out int written)
    {
        written = 0;
        if (destination.Length < _length)
        {
            return false;
        }

        _buffer.AsSpan(0, _length).CopyTo(destination);
        written = _length;
        return true;
    }

    private Span<byte> Reserve(StunAttributeType type, int valueLength)
    {
        var padded = (valueLength + 3) & ~3;
        if (valueLength > ushort.MaxValue || _length + 4 + padded - StunMessage.HeaderLength > ushort.MaxValue)
        {
            throw new ArgumentException("STUN message would exceed 65535 bytes of attributes.", nameof(valueLength));
        }

        if (_buffer.Length < _length + 4 + padded)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + 4 + padded));
        }

        var at = _length;
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at), (ushort)type);
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(at + 2), (ushort)valueLength);
        _buffer.AsSpan(at + 4 + valueLength, padded - valueLength).Fill(PaddingByte);
        _length += 4 + padded;
        SetLength();
        return _buffer.AsSpan(at + 4, valueLength);
    }

    private void SetLength() =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(2), (ushort)(_length - StunMessage.HeaderLength));
}
