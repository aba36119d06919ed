using Conclave.Server.Hosting;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Conclave.Server.Web;

/// <summary>
/// The web app (<c>web/</c>, built into <see cref="WebOptions.Root"/>) at <c>/</c>: its files, and its
/// <c>index.html</c> for every client-side route (<see cref="AppRoutes"/>); the script libraries under
/// <c>/lib/</c>; the old call page's address <c>/call/</c> redirected to the app's calls screen. The app signs
/// in with the authorization code flow and PKCE as <c>conclave-web</c>, so it needs no session of its own:
/// every file is public, and every response carries <see cref="SecurityHeaders"/>.
/// </summary>
public static class WebModule
{
    private const string ContentFolder = "wwwroot";
    private const string DefaultAppFolder = "app";
    private const string IndexFile = "index.html";

    /// <summary>Vite names every file under assets/ by its content hash: a changed file is a new name.</summary>
    private const string HashedFolder = "/assets";

    /// <summary>RFC 8246: an immutable response is never revalidated during its year of freshness.</summary>
    private const string ImmutableCaching = "public, max-age=31536000, immutable";

    /// <summary>index.html and unhashed files change with the server: always revalidated, never stale.</summary>
    private const string Revalidate = "no-cache";

    public static IServiceCollection AddConclaveWeb(this IServiceCollection services)
    {
        services.AddValidatedOptions<WebOptions>(WebOptions.Section);
        return services;
    }

    public static void UseConclaveWeb(this WebApplication app)
    {
        var content = Path.Combine(app.Environment.ContentRootPath, ContentFolder);
        app.Use(RedirectOldCallPage);
        UseLibraries(app, content);

        var configured = app.Services.GetRequiredService<IOptions<WebOptions>>().Value.Root;
        var root = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(content, DefaultAppFolder)
            : Path.GetFullPath(configured, app.Environment.ContentRootPath);
        if (!System.IO.Directory.Exists(root))
        {
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseWhen(
            context => !IsServerPath(context.Request.Path),
            branch =>
            {
                branch.Use(WithSecurityHeaders);
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                        file.Context.Request.Path.StartsWithSegments(HashedFolder, StringComparison.Ordinal) ? ImmutableCaching : Revalidate,
                });
                branch.Use((context, next) => ServeIndexAsync(context, next, files));
            });
    }

    /// <summary>The call page's old address (and its query: <c>?relay=1</c> matters) is the app's calls screen now.</summary>
    private static Task RedirectOldCallPage(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.Value is "/call" or "/call/")
        {
            context.Response.Redirect(AppRoutes.Calls + context.Request.QueryString);
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>/lib/: the script libraries shipped in wwwroot/lib, under the same headers.</summary>
    private static void UseLibraries(WebApplication app, string content)
    {
        var libraries = Path.Combine(content, "lib");
        if (!System.IO.Directory.Exists(libraries))
        {
            return;
        }

        var files = new PhysicalFileProvider(libraries);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/lib", StringComparison.Ordinal),
            branch =>
            {
                branch.Use(WithSecurityHeaders);
                branch.UseStaticFiles(new StaticFileOptions
                {
                    FileProvider = files,
                    RequestPath = "/lib",
                    OnPrepareResponse = file => file.Context.Response.Headers.CacheControl = Revalidate,
                });
            });
    }

    private static bool IsServerPath(PathString path) =>
        AppRoutes.ServerPrefixes.Any(prefix => path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));

    private static Task WithSecurityHeaders(HttpContext context, RequestDelegate next)
    {
        context.Response.OnStarting(() =>
        {
            SecurityHeaders.Add(context);
            return Task.CompletedTask;
        });
        return next(context);
    }

    /// <summary>A client-side route (GET or HEAD, no file extension) gets the app's index.html; anything else goes on.</summary>
    private static async Task ServeIndexAsync(HttpContext context, RequestDelegate next, PhysicalFileProvider files)
    {
        var request = context.Request;
        var index = files.GetFileInfo(IndexFile);
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || !AppRoutes.IsClientRoute(request.Path) || !index.Exists)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = index.Length;
        response.Headers.CacheControl = Revalidate;
        response.Headers[HeaderNames.LastModified] = index.LastModified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        await response.SendFileAsync(index, context.RequestAborted);
    }
}
