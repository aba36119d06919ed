namespace Conclave.Client.Auth;

/// <summary>A Conclave server: its HTTPS base address and how its certificate is trusted.</summary>
public sealed record ServerEndpoint
{
    public ServerEndpoint(Uri baseAddress, ServerTrust trust)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(trust);
        if (!baseAddress.IsAbsoluteUri || baseAddress.Scheme != Uri.UriSchemeHttps)
            throw new ArgumentException("The server address must be an absolute https:// URL.", nameof(baseAddress));
        BaseAddress = new Uri(baseAddress.GetLeftPart(UriPartial.Authority) + "/");
        Trust = trust;
    }

    public Uri BaseAddress { get; }

    public ServerTrust Trust { get; }

    /// <summary>Parses a user-typed server URL; a bare host[:port] means https.</summary>
    public static bool TryParseAddress(string? text, out Uri? address)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var candidate = text.Contains("://", StringComparison.Ordinal) ? text : "https://" + text;
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps)
            return false;
        address = new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
        return true;
    }
}
