using System.Text;
using System.Text.Encodings.Web;

namespace Conclave.Server.Identity;

/// <summary>
/// The few server-rendered pages (sign-in, first sign-in, device approval): plain HTML, every value encoded,
/// no script and no inline style, under a Content-Security-Policy that allows neither, never cached (they
/// carry one-time secrets: an authenticator key, recovery codes) and never framed.
/// </summary>
public static class HtmlPage
{
    /// <summary>
    /// Nothing but this origin's images and styles (and <c>data:</c> images); no script at all. The QR code of
    /// the first sign-in is inline SVG with presentation attributes, which the policy does not restrict.
    /// </summary>
    public const string ContentSecurityPolicy = "default-src 'none'; img-src 'self' data:; style-src 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title))
            .Append(" – Conclave</title><meta name=\"viewport\" content=\"width=device-width\"><meta name=\"color-scheme\" content=\"light dark\"><link rel=\"stylesheet\" href=\"")
            .Append(PageStylesheet.Path)
            .Append("\"></head><body><main><h1>")
            .Append(Encode(title))
            .Append("</h1>")
            .Append(body)
            .Append("</main></body></html>")
            .ToString();
        return new Page(html, status);
    }

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Hidden(string name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">";

    /// <summary>The page with its security headers.</summary>
    private sealed class Page(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var headers = httpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status).ExecuteAsync(httpContext);
        }
    }
}
