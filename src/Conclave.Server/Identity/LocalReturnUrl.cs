using System.Diagnostics.CodeAnalysis;

namespace Conclave.Server.Identity;

/// <summary>
/// Where the sign-in page may send a person afterwards: a path on this server only, never another
/// site (open redirect) and never a value that cannot travel in a <c>Location</c> header.
/// </summary>
/// <remarks>
/// Browsers do not take a <c>Location</c> as written: the WHATWG URL parser drops tabs and newlines
/// anywhere, trims leading and trailing spaces and control characters, and reads <c>\</c> as
/// <c>/</c> in http(s) URLs, so <c>/\t/evil.example</c> and <c>/\evil.example</c> both become the
/// scheme-relative <c>//evil.example</c>. Rather than imitate that normalisation, every character it
/// acts on is refused: what is accepted is printable ASCII without spaces or backslashes, starting
/// with exactly one <c>/</c>. The server's own return URLs (built from escaped request paths and query
/// strings) always have that form; anything else falls back to <see cref="Default"/>.
/// </remarks>
public static class LocalReturnUrl
{
    /// <summary>The sign-in page's own "you are signed in" view.</summary>
    public const string Default = LoginPage.Path + "?signedIn=1";

    /// <summary>True with <paramref name="path"/> set when <paramref name="url"/> is a local path that is safe to redirect to.</summary>
    public static bool TryNormalize(string? url, [NotNullWhen(true)] out string? path)
    {
        path = null;
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        // "//host" and "/\host" are scheme-relative: another site.
        if (url.Length > 1 && url[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in url)
        {
            // Printable ASCII only ('!'..'~'): no controls, no spaces, nothing outside ASCII (which a
            // header cannot carry), and no backslash anywhere.
            if (c is < '!' or > '~' or '\\')
            {
                return false;
            }
        }

        path = url;
        return true;
    }

    /// <summary>The normalised local path, or <see cref="Default"/>.</summary>
    public static string OrDefault(string? url) => TryNormalize(url, out var path) ? path : Default;
}
