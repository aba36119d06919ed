using System.Net;

namespace Conclave.Server.Throttling;

/// <summary>Partition keys: the address itself and its subnet (/24 for IPv4, /64 for IPv6).</summary>
public static class ThrottleKeys
{
    public static string Subnet(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var keep = bytes.Length == 4 ? 3 : 8;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return $"{new IPAddress(bytes)}/{keep * 8}";
    }

    public static string Address(IPAddress address) => (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
}
