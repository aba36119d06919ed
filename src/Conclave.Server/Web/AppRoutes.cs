namespace Conclave.Server.Web;

/// <summary>
/// Which paths are the web app's own client-side routes (answered with its <c>index.html</c>, the router in
/// the page picks the screen) and which belong to the server. The server's surfaces are never caught: a
/// wrong API path stays a problem-details 404, and a missing file (a path ending in a file type the app
/// ships) a plain 404.
/// </summary>
public static class AppRoutes
{
    /// <summary>The app's screen for calls; the old call page's address redirects here.</summary>
    public const string Calls = "/calls";

    /// <summary>The app's redirect URI for sign-in (authorization code + PKCE); <c>web/src/auth/session.ts</c> names it too.</summary>
    public const string SignInCallback = "/app/callback";

    /// <summary>Where the server's own endpoints live; none of them is ever the app.</summary>
    internal static readonly string[] ServerPrefixes =
    [
        "/api", "/connect", "/hubs", "/account", "/openapi", "/metrics", "/healthz", "/lib", "/.well-known",
    ];

    /// <summary>
    /// The file types the app's build writes (Vite's assets, the icons, the manifest). Only these make a path a
    /// file: a dot alone does not, because the app's routes carry names with dots (a user's UPN,
    /// <c>/admin/users/alice@contoso.example</c>).
    /// </summary>
    private static readonly HashSet<string> FileTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ".js", ".mjs", ".css", ".map", ".html", ".json", ".webmanifest", ".txt", ".wasm",
        ".svg", ".png", ".ico", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".woff", ".woff2",
    };

    /// <summary>Whether <paramref name="path"/> is a route of the app (not the server's, and not a file).</summary>
    public static bool IsClientRoute(PathString path)
    {
        foreach (var prefix in ServerPrefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        var value = path.Value ?? "/";
        var lastSegment = value[(value.LastIndexOf('/') + 1)..];
        return !FileTypes.Contains(Path.GetExtension(lastSegment));
    }
}
