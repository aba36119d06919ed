using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Conclave.Server.Web;

/// <summary>
/// The browser call page at <see cref="Path"/> and the script libraries under <c>/lib/</c>, served as static
/// files from the server's <c>wwwroot</c> folder. The page signs in with the authorization code flow and PKCE
/// as <c>conclave-web</c>, so it needs no session of its own: every file is public, and every response
/// carries a Content-Security-Policy that allows scripts from this origin only (no inline script) and
/// network connections to this origin only (HTTPS and the hub's WebSocket).
/// </summary>
public static class CallPage
{
    public const string Path = "/call/";

    private const string Folder = "wwwroot";

    /// <summary>Serves <c>/call/</c> (index.html, call.js, call.css) and <c>/lib/</c>; <c>/call</c> redirects to <c>/call/</c>.</summary>
    public static void UseCallPage(this WebApplication app)
    {
        var root = System.IO.Path.Combine(app.Environment.ContentRootPath, Folder);
        if (!System.IO.Directory.Exists(root))
        {
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/call", StringComparison.Ordinal) || context.Request.Path.StartsWithSegments("/lib", StringComparison.Ordinal),
            branch =>
            {
                branch.Use((context, next) =>
                {
                    if (context.Request.Path.Value == "/call")
                    {
                        context.Response.Redirect(Path + context.Request.QueryString);
                        return Task.CompletedTask;
                    }

                    context.Response.OnStarting(() =>
                    {
                        AddSecurityHeaders(context);
                        return Task.CompletedTask;
                    });
                    return next(context);
                });
                branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, DefaultFileNames = { "index.html" } });
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    // The page is small and changes with the server: always revalidated (ETag), never stale.
                    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = "no-cache",
                });
            });
    }

    /// <summary>
    /// The policy for the page. <c>connect-src</c> names this origin's <c>wss:</c> form explicitly as well as
    /// <c>'self'</c>; <c>media-src</c> lets the video elements play the call's streams. The authorization code
    /// arrives in the page's URL once, so no referrer ever leaves the page.
    /// </summary>
    internal static string ContentSecurityPolicy(HttpRequest request) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        $"connect-src 'self' wss://{request.Host}; media-src 'self' blob: mediastream:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static void AddSecurityHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy(context.Request);
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers[HeaderNames.XFrameOptions] = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(self), microphone=(self), display-capture=(self), geolocation=()";
    }
}
