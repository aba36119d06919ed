using System.Globalization;
using System.Net;

namespace Conclave.Server.Web;

/// <summary>
/// The redirect URIs of the web app for <c>conclave-web</c>: <c>https://HOST:PORT/app/callback</c> for each
/// address the server listens on (the actual port when 0 was asked for; <c>127.0.0.1</c> and <c>localhost</c>
/// for a loopback or wildcard listener), and for the configured issuer. They follow <c>--urls</c>, so the app
/// signs in on whatever port the server runs; a server reached under another name lists its callback in
/// <c>Conclave:Tokens:WebRedirectUris</c>.
/// </summary>
public static class WebAppRedirects
{
    public static IReadOnlyList<string> For(IEnumerable<Uri> listening, Uri? issuer)
    {
        ArgumentNullException.ThrowIfNull(listening);
        var uris = new List<string>();
        void Add(string host, int port)
        {
            var uri = $"https://{host}:{port.ToString(CultureInfo.InvariantCulture)}{AppRoutes.SignInCallback}";
            if (!uris.Contains(uri, StringComparer.Ordinal))
            {
                uris.Add(uri);
            }
        }

        foreach (var address in listening)
        {
            if (!IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
            {
                Add(address.Host, address.Port);
                continue;
            }

            if (IPAddress.IsLoopback(ip) || ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any))
            {
                Add("127.0.0.1", address.Port);
                Add("localhost", address.Port);
                if (ip.Equals(IPAddress.IPv6Loopback))
                {
                    Add("[::1]", address.Port);
                }
            }
            else
            {
                Add(address.Host, address.Port);
            }
        }

        if (issuer is { Scheme: "https" })
        {
            Add(issuer.Host, issuer.Port);
        }

        return uris;
    }
}
