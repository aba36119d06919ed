using System.Text;
using System.Text.Encodings.Web;

namespace Conclave.Server.Identity;

/// <summary>The few server-rendered pages (sign-in, device approval): plain HTML, every value encoded.</summary>
public static class HtmlPage
{
    public static IResult Render(string title, string body, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder()
            .Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(title))
            .Append(" – Conclave</title><meta name=\"viewport\" content=\"width=device-width\"></head><body><main><h1>")
            .Append(Encode(title))
            .Append("</h1>")
            .Append(body)
            .Append("</main></body></html>")
            .ToString();
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    public static string Encode(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string Hidden(string name, string? value) =>
        $"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">";
}
