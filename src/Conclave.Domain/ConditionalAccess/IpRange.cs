using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Conclave.Domain.ConditionalAccess;

/// <summary>
/// One CIDR range of a named location (RFC 4632 §3.1 for IPv4, RFC 4291 §2.3 for IPv6), parsed strictly: the
/// address in its usual text form (IPv4 dotted decimal with exactly four parts and no leading zeros; IPv6 as
/// RFC 4291 §2.2 writes it, without a zone), a prefix length, and no host bits set. As Entra's named
/// locations do, a prefix is at least /8, so that one range cannot stand for a whole address family.
/// An IPv4-mapped IPv6 address (<c>::ffff:a.b.c.d</c>) is matched as the IPv4 address it carries.
/// </summary>
public sealed class IpRange : IEquatable<IpRange>
{
    /// <summary>The shortest prefix a range may have (Entra's limit for IPv4 and IPv6 ranges).</summary>
    public const int MinPrefixLength = 8;

    /// <summary>The longest text a range may be: an IPv6 address at its longest (45 characters) and "/128".</summary>
    public const int MaxTextLength = 49;

    private readonly UInt128 _network;
    private readonly UInt128 _mask;

    private IpRange(AddressFamily family, UInt128 network, int prefixLength)
    {
        Family = family;
        PrefixLength = prefixLength;
        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        _mask = prefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - prefixLength) >> (128 - bits);
        _network = network;
    }

    public AddressFamily Family { get; }

    public int PrefixLength { get; }

    /// <summary>
    /// Parses <paramref name="text"/>; never throws. <paramref name="error"/> says what is wrong in words an
    /// administrator reads (it never echoes more than the given text).
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IpRange? range, out string? error)
    {
        range = null;
        if (text.IsEmpty || text.Length > MaxTextLength)
        {
            error = $"is empty or longer than {MaxTextLength} characters";
            return false;
        }

        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            error = "has no prefix length (a range is written address/prefix, e.g. 10.0.0.0/8)";
            return false;
        }

        var addressText = text[..slash];
        var prefixText = text[(slash + 1)..];
        if (prefixText.IsEmpty || prefixText.Length > 3 || !IsDigits(prefixText) || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            error = "has a prefix length that is not a decimal number";
            return false;
        }

        var prefix = int.Parse(prefixText, NumberStyles.None, CultureInfo.InvariantCulture);
        UInt128 value;
        AddressFamily family;
        if (addressText.Contains(':'))
        {
            if (!TryParseIPv6(addressText, out value))
            {
                error = "has an address that is not an IPv6 address";
                return false;
            }

            family = AddressFamily.InterNetworkV6;
        }
        else if (TryParseIPv4(addressText, out var v4))
        {
            value = v4;
            family = AddressFamily.InterNetwork;
        }
        else
        {
            error = "has an address that is not an IPv4 address in dotted decimal (four parts, 0-255, no leading zeros)";
            return false;
        }

        var bits = family == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix < MinPrefixLength || prefix > bits)
        {
            error = $"has a prefix length outside /{MinPrefixLength} to /{bits}";
            return false;
        }

        var candidate = new IpRange(family, value, prefix);
        if ((value & ~candidate._mask) != UInt128.Zero)
        {
            error = "has host bits set after the prefix (write the network address, e.g. 10.1.0.0/16)";
            return false;
        }

        range = candidate;
        error = null;
        return true;
    }

    /// <summary>
    /// Parses one address as strictly as a range's (IPv4 dotted decimal with four parts, IPv6 without a zone); never
    /// throws. An IPv4-mapped IPv6 address comes back as IPv4.
    /// </summary>
    public static bool TryParseAddress(ReadOnlySpan<char> text, out IPAddress? address)
    {
        address = null;
        if (text.IsEmpty || text.Length > MaxTextLength)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (text.Contains(':'))
        {
            if (!TryParseIPv6(text, out var v6))
            {
                return false;
            }

            BinaryPrimitives.WriteUInt128BigEndian(bytes, v6);
            address = new IPAddress(bytes);
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            return true;
        }

        if (!TryParseIPv4(text, out var v4))
        {
            return false;
        }

        BinaryPrimitives.WriteUInt32BigEndian(bytes, v4);
        address = new IPAddress(bytes[..4]);
        return true;
    }

    /// <summary>Whether <paramref name="address"/> is in the range; an IPv4-mapped IPv6 address is matched as IPv4.</summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Family == AddressFamily.InterNetwork && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        else if (Family == AddressFamily.InterNetworkV6 && address.AddressFamily == AddressFamily.InterNetwork)
        {
            // A range written in the mapped form (::ffff:10.0.0.0/104) holds the IPv4 addresses it maps.
            address = address.MapToIPv6();
        }

        if (address.AddressFamily != Family)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            return false;
        }

        var value = written == 4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return (value & _mask) == _network;
    }

    /// <summary>The canonical text: the network address as .NET writes it, and the prefix.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (Family == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)_network);
            return $"{new IPAddress(bytes[..4])}/{PrefixLength}";
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, _network);
        return $"{new IPAddress(bytes)}/{PrefixLength}";
    }

    public bool Equals(IpRange? other) =>
        other is not null && other.Family == Family && other.PrefixLength == PrefixLength && other._network == _network;

    public override bool Equals(object? obj) => Equals(obj as IpRange);

    public override int GetHashCode() => HashCode.Combine(Family, PrefixLength, _network);

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Exactly four decimal parts of 0-255 without leading zeros: IPAddress.Parse also takes "10", "10.1" and octal or hex parts.</summary>
    private static bool TryParseIPv4(ReadOnlySpan<char> text, out uint value)
    {
        value = 0;
        var parts = 0;
        while (true)
        {
            var dot = text.IndexOf('.');
            var part = dot < 0 ? text : text[..dot];
            if (part.IsEmpty || part.Length > 3 || !IsDigits(part) || (part.Length > 1 && part[0] == '0'))
            {
                return false;
            }

            var number = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
            if (number > 255 || ++parts > 4)
            {
                return false;
            }

            value = (value << 8) | (uint)number;
            if (dot < 0)
            {
                return parts == 4;
            }

            text = text[(dot + 1)..];
        }
    }

    /// <summary>An IPv6 address of hex groups, '::' and an optional dotted IPv4 tail; no zone ('%'), no brackets.</summary>
    private static bool TryParseIPv6(ReadOnlySpan<char> text, out UInt128 value)
    {
        value = UInt128.Zero;
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c) && c is not ':' and not '.')
            {
                return false;
            }
        }

        if (!IPAddress.TryParse(text, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6 || address.ScopeId != 0)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written) || written != 16)
        {
            return false;
        }

        value = BinaryPrimitives.ReadUInt128BigEndian(bytes);
        return true;
    }
}
