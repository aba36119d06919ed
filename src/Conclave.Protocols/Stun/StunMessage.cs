using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Conclave.Protocols.Stun;

/// <summary>
/// A parsed STUN message (RFC 8489 §5). The message keeps its own copy of the bytes so that
/// MESSAGE-INTEGRITY and FINGERPRINT can be checked over exactly what arrived.
/// </summary>
public sealed class StunMessage
{
    /// <summary>RFC 8489 §5: the fixed magic cookie.</summary>
    public const uint MagicCookie = 0x2112A442;

    public const int HeaderLength = 20;

    private readonly byte[] _raw;
    private readonly StunAttribute[] _attributes;

    private StunMessage(byte[] raw, StunMethod method, StunClass messageClass, StunAttribute[] attributes,
        int integrityOffset, int integritySha256Offset, int fingerprintOffset)
    {
        _raw = raw;
        Method = method;
        Class = messageClass;
        _attributes = attributes;
        IntegrityOffset = integrityOffset;
        IntegritySha256Offset = integritySha256Offset;
        FingerprintOffset = fingerprintOffset;
    }

    public StunMethod Method { get; }

    public StunClass Class { get; }

    /// <summary>The 96-bit transaction id.</summary>
    public ReadOnlySpan<byte> TransactionId => _raw.AsSpan(8, 12);

    /// <summary>The message as received.</summary>
    public ReadOnlySpan<byte> Raw => _raw;

    /// <summary>Attributes in wire order; attributes after MESSAGE-INTEGRITY other than MESSAGE-INTEGRITY-SHA256 and FINGERPRINT are dropped (RFC 8489 §14.5).</summary>
    public IReadOnlyList<StunAttribute> Attributes => _attributes;

    internal int IntegrityOffset { get; }

    internal int IntegritySha256Offset { get; }

    internal int FingerprintOffset { get; }

    /// <summary>Transaction id as a value usable as a dictionary key.</summary>
    public UInt128 TransactionKey => TransactionKeyOf(TransactionId);

    internal static UInt128 TransactionKeyOf(ReadOnlySpan<byte> transactionId) =>
        new(BinaryPrimitives.ReadUInt32BigEndian(transactionId), BinaryPrimitives.ReadUInt64BigEndian(transactionId[4..]));

    /// <summary>RFC 7983 / RFC 8489 §6: a cheap test that a datagram looks like STUN (first two bits zero, magic cookie).</summary>
    public static bool IsStun(ReadOnlySpan<byte> data) =>
        data.Length >= HeaderLength && (data[0] & 0xC0) == 0 &&
        BinaryPrimitives.ReadUInt32BigEndian(data[4..]) == MagicCookie;

    public static ushort EncodeType(StunMethod method, StunClass messageClass)
    {
        var m = (int)method;
        var c = (int)messageClass;
        return (ushort)((m & 0x000F) | ((m & 0x0070) << 1) | ((m & 0x0F80) << 2) | ((c & 1) << 4) | ((c & 2) << 7));
    }

    public static (StunMethod Method, StunClass Class) DecodeType(ushort type)
    {
        var m = (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
        var c = ((type >> 4) & 1) | ((type >> 7) & 2);
        return ((StunMethod)m, (StunClass)c);
    }

    /// <summary>
    /// Parses one datagram as a STUN message. Never throws. Refused as well as malformed framing: a
    /// FINGERPRINT that does not match (RFC 8489 §7.3) and attribute values over RFC 8489 §14's lengths
    /// (<see cref="StunAttributeLimits"/>), so that no caller has to remember either check.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out StunMessage message, out StunParseError error)
    {
        message = null!;
        if (data.Length < HeaderLength)
        {
            error = StunParseError.TooShort;
            return false;
        }

        if ((data[0] & 0xC0) != 0 || BinaryPrimitives.ReadUInt32BigEndian(data[4..]) != MagicCookie)
        {
            error = StunParseError.NotStun;
            return false;
        }

        int length = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        if ((length & 3) != 0 || HeaderLength + length != data.Length)
        {
            error = StunParseError.LengthMismatch;
            return false;
        }

        var attributes = new List<StunAttribute>();
        int offset = HeaderLength, integrity = -1, integritySha256 = -1, fingerprint = -1;
        while (offset < data.Length)
        {
            if (data.Length - offset < 4)
            {
                error = StunParseError.TruncatedAttribute;
                return false;
            }

            var type = (StunAttributeType)BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
            int valueLength = BinaryPrimitives.ReadUInt16BigEndian(data[(offset + 2)..]);
            int padded = (valueLength + 3) & ~3;
            if (padded > data.Length - offset - 4)
            {
                error = StunParseError.TruncatedAttribute;
                return false;
            }

            var attribute = new StunAttribute(type, offset + 4, valueLength);
            if (fingerprint >= 0)
            {
                // RFC 8489 §14.7: FINGERPRINT is last; anything after it is ignored.
            }
            else if (type == StunAttributeType.Fingerprint)
            {
                if (valueLength != 4)
                {
                    error = StunParseError.InvalidAttribute;
                    return false;
                }

                // RFC 8489 §7.3: a message whose FINGERPRINT is wrong is discarded.
                if (!StunFingerprint.Verify(data, offset))
                {
                    error = StunParseError.FingerprintMismatch;
                    return false;
                }

                fingerprint = offset;
                attributes.Add(attribute);
            }
            else if (type == StunAttributeType.MessageIntegritySha256 && integritySha256 < 0)
            {
                // RFC 8489 §14.6: 16 to 32 bytes, a multiple of 4.
                if (valueLength is < 16 or > 32 || (valueLength & 3) != 0)
                {
                    error = StunParseError.InvalidAttribute;
                    return false;
                }

                integritySha256 = offset;
                attributes.Add(attribute);
            }
            else if (integrity >= 0 || integritySha256 >= 0)
            {
                // RFC 8489 §14.5/§14.6: attributes after the integrity attributes are ignored.
            }
            else if (type == StunAttributeType.MessageIntegrity)
            {
                if (valueLength != 20)
                {
                    error = StunParseError.InvalidAttribute;
                    return false;
                }

                integrity = offset;
                attributes.Add(attribute);
            }
            else if (!StunAttributeLimits.IsWithinLimits(type, data.Slice(offset + 4, valueLength)))
            {
                // RFC 8489 §14: USERNAME, REALM, NONCE, SOFTWARE and the rest keep to their lengths.
                error = StunParseError.InvalidAttribute;
                return false;
            }
            else
            {
                attributes.Add(attribute);
            }

            offset += 4 + padded;
        }

        var (method, messageClass) = DecodeType(BinaryPrimitives.ReadUInt16BigEndian(data));
        message = new StunMessage(data.ToArray(), method, messageClass, [.. attributes], integrity, integritySha256, fingerprint);
        error = StunParseError.None;
        return true;
    }

    public bool Has(StunAttributeType type) => TryGetAttribute(type, out _);

    public bool TryGetAttribute(StunAttributeType type, out StunAttribute attribute)
    {
        foreach (var a in _attributes)
        {
            if (a.Type == type)
            {
                attribute = a;
                return true;
            }
        }

        attribute = default;
        return false;
    }

    public ReadOnlySpan<byte> GetValue(StunAttribute attribute) => _raw.AsSpan(attribute.ValueOffset, attribute.Length);

    /// <summary>The value of the first attribute of this type, or an empty span when absent (check <see cref="Has"/>).</summary>
    public ReadOnlySpan<byte> GetValue(StunAttributeType type) =>
        TryGetAttribute(type, out var a) ? GetValue(a) : [];

    public bool TryGetString(StunAttributeType type, out string value)
    {
        if (!TryGetAttribute(type, out var a))
        {
            value = string.Empty;
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(GetValue(a));
            return true;
        }
        catch (DecoderFallbackException)
        {
            value = string.Empty;
            return false;
        }
    }

    public bool TryGetUInt32(StunAttributeType type, out uint value)
    {
        value = 0;
        if (!TryGetAttribute(type, out var a) || a.Length != 4)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt32BigEndian(GetValue(a));
        return true;
    }

    public bool TryGetUInt64(StunAttributeType type, out ulong value)
    {
        value = 0;
        if (!TryGetAttribute(type, out var a) || a.Length != 8)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(GetValue(a));
        return true;
    }

    /// <summary>Reads an XOR-encoded address attribute (XOR-MAPPED-ADDRESS, XOR-PEER-ADDRESS, XOR-RELAYED-ADDRESS).</summary>
    public bool TryGetXorAddress(StunAttributeType type, out IPEndPoint endPoint)
    {
        endPoint = null!;
        return TryGetAttribute(type, out var a) && StunAddress.TryReadXor(GetValue(a), TransactionId, out endPoint, out _);
    }

    /// <summary>Reads every XOR-encoded address attribute of the type (a TURN request may carry several XOR-PEER-ADDRESS).</summary>
    public IReadOnlyList<IPEndPoint> GetXorAddresses(StunAttributeType type)
    {
        var list = new List<IPEndPoint>();
        foreach (var a in _attributes)
        {
            if (a.Type == type && StunAddress.TryReadXor(GetValue(a), TransactionId, out var ep, out _))
            {
                list.Add(ep);
            }
        }

        return list;
    }

    public bool TryGetMappedAddress(out IPEndPoint endPoint)
    {
        endPoint = null!;
        return TryGetAttribute(StunAttributeType.MappedAddress, out var a) && StunAddress.TryRead(GetValue(a), out endPoint, out _);
    }

    /// <summary>Reads ERROR-CODE (RFC 8489 §14.8): class × 100 + number, and the reason phrase.</summary>
    public bool TryGetErrorCode(out int code, out string reason)
    {
        code = 0;
        reason = string.Empty;
        if (!TryGetAttribute(StunAttributeType.ErrorCode, out var a) || a.Length < 4)
        {
            return false;
        }

        var value = GetValue(a);
        int errorClass = value[2] & 0x07, number = value[3];
        if (errorClass is < 3 or > 6 || number > 99)
        {
            return false;
        }

        code = errorClass * 100 + number;
        try
        {
            reason = StrictUtf8.GetString(value[4..]);
        }
        catch (DecoderFallbackException)
        {
            reason = string.Empty;
        }

        return true;
    }

    /// <summary>Reads UNKNOWN-ATTRIBUTES (RFC 8489 §14.9).</summary>
    public IReadOnlyList<ushort> GetUnknownAttributes()
    {
        var value = GetValue(StunAttributeType.UnknownAttributes);
        var list = new List<ushort>(value.Length / 2);
        for (var i = 0; i + 1 < value.Length; i += 2)
        {
            list.Add(BinaryPrimitives.ReadUInt16BigEndian(value[i..]));
        }

        return list;
    }

    /// <summary>Comprehension-required attribute types this parser's caller does not know (for a 420 answer).</summary>
    public IReadOnlyList<ushort> GetUnknownComprehensionRequired()
    {
        var list = new List<ushort>();
        foreach (var a in _attributes)
        {
            if (a.IsComprehensionRequired && !Enum.IsDefined(a.Type))
            {
                list.Add((ushort)a.Type);
            }
        }

        return list;
    }

    /// <summary>Checks MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) in constant time.</summary>
    public bool VerifyMessageIntegrity(ReadOnlySpan<byte> key) =>
        IntegrityOffset >= 0 && StunIntegrity.Verify(_raw, IntegrityOffset, key, sha256: false);

    /// <summary>Checks MESSAGE-INTEGRITY-SHA256 (RFC 8489 §14.6) in constant time, truncated values included.</summary>
    public bool VerifyMessageIntegritySha256(ReadOnlySpan<byte> key) =>
        IntegritySha256Offset >= 0 && StunIntegrity.Verify(_raw, IntegritySha256Offset, key, sha256: true);

    /// <summary>Checks whichever integrity attribute is present, preferring SHA-256 (RFC 8489 §9.2.4).</summary>
    public bool VerifyIntegrity(ReadOnlySpan<byte> key) =>
        IntegritySha256Offset >= 0 ? VerifyMessageIntegritySha256(key) : VerifyMessageIntegrity(key);

    public bool HasIntegrity => IntegrityOffset >= 0 || IntegritySha256Offset >= 0;

    /// <summary>True when MESSAGE-INTEGRITY (HMAC-SHA1) is present; a server answers with the same attributes the request used.</summary>
    public bool HasMessageIntegrity => IntegrityOffset >= 0;

    /// <summary>True when MESSAGE-INTEGRITY-SHA256 is present.</summary>
    public bool HasMessageIntegritySha256 => IntegritySha256Offset >= 0;

    /// <summary>Whether FINGERPRINT is present (RFC 8489 §14.7); a parsed message's FINGERPRINT is always right, <see cref="TryParse"/> refuses a wrong one.</summary>
    public bool VerifyFingerprint() => FingerprintOffset >= 0 && StunFingerprint.Verify(_raw, FingerprintOffset);

    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
}
