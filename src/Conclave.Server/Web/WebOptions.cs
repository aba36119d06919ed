namespace Conclave.Server.Web;

/// <summary>Settings of the web app the server serves at <c>/</c> (configuration section <c>Conclave:Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Conclave:Web";

    /// <summary>
    /// The built app's folder (its <c>index.html</c> and <c>assets/</c>). Default: <c>wwwroot/app</c> under the
    /// server's content root, where building the server puts the production build of <c>web/</c>. The test
    /// hosts point it at the test build (<c>wwwroot/app-test</c>), which carries the browser tests' hook.
    /// </summary>
    public string? Root { get; set; }
}
