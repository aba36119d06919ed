namespace Conclave.Server.Http;

public static class ClientAddress
{
    /// <summary>The peer address as text for the audit log (IPv4-mapped IPv6 shown as IPv4).</summary>
    public static string? Of(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return null;
        }

        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4().ToString() : address.ToString();
    }
}
