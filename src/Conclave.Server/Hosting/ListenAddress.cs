using System.Net;

namespace Conclave.Server.Hosting;

/// <summary>One <c>--urls</c> entry: HTTPS only, an IP address (or <c>localhost</c>, <c>*</c>) and a port.</summary>
public sealed record ListenAddress(IPAddress Address, int Port, bool AnyAddress)
{
    public static IReadOnlyList<ListenAddress> ParseList(string urls)
    {
        var list = new List<ListenAddress>();
        foreach (var raw in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            list.Add(Parse(raw));
        }

        if (list.Count == 0)
        {
            throw new StartupException("--urls names no address; give e.g. https://127.0.0.1:8443.");
        }

        return list;
    }

    public static ListenAddress Parse(string url)
    {
        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"'{url}' is plain HTTP: Conclave listens on HTTPS only; use https://.");
        }

        if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            throw new StartupException($"'{url}' is not an https:// URL.");
        }

        var rest = url["https://".Length..].TrimEnd('/');
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.EndsWith(']') || !int.TryParse(rest[(colon + 1)..], out var port) || port is < 0 or > 65535)
        {
            throw new StartupException($"'{url}' has no valid port.");
        }

        var host = rest[..colon].Trim('[', ']');
        if (host is "*" or "+" or "0.0.0.0")
        {
            return new ListenAddress(IPAddress.Any, port, AnyAddress: true);
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenAddress(IPAddress.Loopback, port, AnyAddress: false);
        }

        if (!IPAddress.TryParse(host, out var address))
        {
            throw new StartupException($"'{url}': the host must be an IP address, 'localhost' or '*'.");
        }

        return new ListenAddress(address, port, AnyAddress: false);
    }
}
