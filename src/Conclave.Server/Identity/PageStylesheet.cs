using System.Text;

namespace Conclave.Server.Identity;

/// <summary>
/// GET /account/page.css: the look of the server's own pages (<see cref="HtmlPage"/>: sign-in, first sign-in,
/// device approval), the web app's colours in the system's light or dark theme. A file of this origin, so
/// the pages' policy (<c>style-src 'self'</c>) admits it where it would refuse an inline style. Every pair of
/// text and background colours meets WCAG 2.1 AA contrast, as the app's do (web/src/styles.css).
/// </summary>
public static class PageStylesheet
{
    public const string Path = "/account/page.css";

    /// <summary>The stylesheet changes only with the server: revalidated at every use, never stale.</summary>
    private const string Caching = "no-cache";

    private static readonly byte[] Css = Encoding.UTF8.GetBytes("""
        :root { color-scheme: light dark; --bg: #f6f6f4; --surface: #ffffff; --text: #1b1b1b; --muted: #52575d; --border: #c9ccd1; --accent: #0b57d0; --accent-text: #ffffff; --error: #8a1c1c; --focus: #0b57d0; }
        @media (prefers-color-scheme: dark) {
          :root { --bg: #15171a; --surface: #1f2226; --text: #e8e8e6; --muted: #aab0b7; --border: #454b53; --accent: #8ab4f8; --accent-text: #0b1a33; --error: #f6aea9; --focus: #8ab4f8; }
        }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: var(--bg); color: var(--text); }
        main { max-width: 28rem; margin: 2rem auto; padding: 1.25rem; background: var(--surface); border: 1px solid var(--border); border-radius: .5rem; }
        h1 { font-size: 1.35rem; margin: 0 0 1rem; }
        a { color: var(--accent); }
        form { display: grid; gap: .8rem; margin: 1rem 0; }
        label { display: grid; gap: .25rem; font-weight: 600; }
        input:not([type=hidden]) { font: inherit; padding: .45rem .55rem; border: 1px solid var(--border); border-radius: .3rem; background: var(--bg); color: var(--text); width: 100%; }
        button { font: inherit; padding: .5rem .9rem; border-radius: .3rem; border: 1px solid var(--accent); background: var(--accent); color: var(--accent-text); cursor: pointer; justify-self: start; }
        :focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
        details summary { cursor: pointer; color: var(--accent); }
        details[open] summary { margin-bottom: .5rem; }
        [role=alert] { color: var(--error); font-weight: 600; }
        code { font-size: 1rem; overflow-wrap: anywhere; }
        svg { display: block; width: min(100%, 16rem); height: auto; margin: .5rem 0; }
        ul { padding-left: 1.2rem; columns: 2; }
        @media (max-width: 24rem) { main { margin: 0; border-radius: 0; border-width: 0 0 1px; } ul { columns: 1; } }
        """);

    public static void MapPageStylesheet(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = Caching;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Bytes(Css, "text/css; charset=utf-8");
        }).AllowAnonymous().Produces<string>(StatusCodes.Status200OK, "text/css");
}
