using Microsoft.Net.Http.Headers;

namespace Conclave.Server.Web;

/// <summary>
/// The headers of every response of the web app and its libraries. The Content-Security-Policy allows
/// scripts from this origin only (no inline script, no eval) and network connections to this origin only
/// (HTTPS and the hub's WebSocket). The authorization code arrives in the app's URL once, so no referrer
/// ever leaves it.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>
    /// The policy. <c>connect-src</c> names this origin's <c>wss:</c> form explicitly as well as <c>'self'</c>;
    /// <c>media-src</c> lets the video elements play the call's streams; <c>img-src data:</c> is for QR codes.
    /// </summary>
    internal static string ContentSecurityPolicy(HttpRequest request) =>
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        $"connect-src 'self' wss://{request.Host}; media-src 'self' blob: mediastream:; " +
        "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    internal static void Add(HttpContext context)
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
