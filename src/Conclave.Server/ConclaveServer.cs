using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conclave.Contracts.Api;
using Conclave.Domain.Directory;
using Conclave.Server.Account;
using Conclave.Server.Admin;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Calls;
using Conclave.Server.Chat;
using Conclave.Server.ConditionalAccess;
using Conclave.Server.Content;
using Conclave.Server.Directory;
using Conclave.Server.Dlp;
using Conclave.Server.Files;
using Conclave.Server.FirstRun;
using Conclave.Server.Hosting;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Conclave.Server.Media;
using Conclave.Server.Observability;
using Conclave.Server.Policies;
using Conclave.Server.Relay;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Conclave.Server.Teams;
using Conclave.Server.Throttling;
using Conclave.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conclave.Server;

/// <summary>
/// Builds, prepares (data folder, certificate, store, tenant and clients), starts the server and then
/// creates the bootstrap administrator. Every failed start surfaces as one line
/// (<see cref="StartupFailure"/>) and exit code 2.
/// </summary>
public sealed class ConclaveServer : IAsyncDisposable
{
    private ConclaveServer(WebApplication app, X509Certificate2 certificate, string dataPath)
    {
        App = app;
        Certificate = certificate;
        DataPath = dataPath;
    }

    public WebApplication App { get; }

    public X509Certificate2 Certificate { get; }

    public string DataPath { get; }

    /// <summary>The bound addresses (actual ports when 0 was asked for).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    public static readonly Dictionary<string, string> SwitchMappings = new(StringComparer.Ordinal)
    {
        ["--urls"] = $"{ServerOptions.Section}:Urls",
        ["--data"] = $"{ServerOptions.Section}:{nameof(ServerOptions.DataPath)}",
        ["--bootstrap-admin-password-file"] = $"{ServerOptions.Section}:{nameof(ServerOptions.BootstrapAdminPasswordFile)}",
        ["--tenant-domain"] = $"{TenantOptions.Section}:{nameof(TenantOptions.Domain)}",
    };

    /// <summary>The server's one verb besides running: a new one-time password for a bootstrap administrator that never signed in.</summary>
    public const string ResetBootstrapVerb = "reset-bootstrap";

    /// <summary>
    /// The process entry point: exit code 0 after a clean shutdown (or a done <c>reset-bootstrap</c>), 2 when
    /// the start (or <c>reset-bootstrap</c>) fails, with one line on stderr saying what and what to do.
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == ResetBootstrapVerb)
        {
            return await ResetBootstrapAsync(args[1..], Console.Out, Console.Error, configure: null, CancellationToken.None);
        }

        ConclaveServer server;
        try
        {
            server = await StartAsync(args, Console.Out, configure: null, CancellationToken.None);
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"conclave-server: {StartupFailure.Describe(e)}");
            return StartupFailure.ExitCode;
        }

        await using (server)
        {
            await server.App.WaitForShutdownAsync();
        }

        return 0;
    }

    /// <summary>
    /// <c>conclave-server reset-bootstrap [--data DIR] [--bootstrap-admin-password-file FILE]</c>, with the
    /// server's own settings (database, tenant): see <see cref="Bootstrapper.ResetAdminAsync"/>. Listens on nothing.
    /// </summary>
    public static async Task<int> ResetBootstrapAsync(
        string[] args, TextWriter output, TextWriter error, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        try
        {
            var (app, certificate, _, _, _) = Build(args, configure, mustExist: true);
            await using (app)
            using (certificate)
            {
                ValidateOptions(app.Services);
                await using var scope = app.Services.CreateAsyncScope();
                await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), cancellationToken);
                await scope.ServiceProvider.GetRequiredService<Bootstrapper>().ResetAdminAsync(output, cancellationToken);
            }

            return 0;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"conclave-server: {ResetBootstrapVerb}: {StartupFailure.Describe(e)}");
            return StartupFailure.ExitCode;
        }
    }

    public static async Task<ConclaveServer> StartAsync(
        string[] args, TextWriter output, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var (app, certificate, dataPath, addresses, logGate) = Build(args, configure, mustExist: false);
        var started = false;
        try
        {
            ValidateOptions(app.Services);
            MapFeatures(app);

            Tenant tenant;
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), cancellationToken);
                await IdentityModule.ProtectStoredSecretsAsync(scope.ServiceProvider, cancellationToken);
                tenant = await scope.ServiceProvider.GetRequiredService<Bootstrapper>().PrepareAsync(cancellationToken);
            }

            await ListenAsync(app, addresses, cancellationToken);
            started = true;
            logGate.Open();

            var server = new ConclaveServer(app, certificate, dataPath);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var bootstrapper = scope.ServiceProvider.GetRequiredService<Bootstrapper>();
                var tokens = scope.ServiceProvider.GetRequiredService<IOptions<TokenIssuanceOptions>>().Value;
                await bootstrapper.AddWebRedirectUrisAsync(WebAppRedirects.For(server.Addresses, tokens.Issuer), cancellationToken);
                // Only now that everything has bound and started: a start that failed above created no
                // administrator, so its one-time password was never printed above an error and lost.
                await bootstrapper.EnsureAdminAsync(tenant, output, cancellationToken);
            }

            await output.WriteLineAsync($"Data folder: {dataPath}");
            await output.WriteLineAsync($"TLS certificate SHA-256 fingerprint: {TlsCertificateStore.Fingerprint(certificate)}");
            await output.WriteLineAsync($"Content at rest protected by: {app.Services.GetRequiredService<IContentProtector>().Description}");
            foreach (var address in server.Addresses)
            {
                await output.WriteLineAsync($"Listening on {address}");
            }

            return server;
        }
        catch
        {
            if (started)
            {
                await app.StopAsync(CancellationToken.None);
            }

            await app.DisposeAsync();
            certificate.Dispose();
            throw;
        }
    }

    /// <summary>The configured application, not yet listening: settings, data folder, certificate, token keys, features.</summary>
    private static (WebApplication App, X509Certificate2 Certificate, string DataPath, IReadOnlyList<ListenAddress> Addresses, StartupLogGate LogGate) Build(
        string[] args, Action<WebApplicationBuilder>? configure, bool mustExist)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = WithoutUrls(args), ContentRootPath = AppContext.BaseDirectory });
        var logGate = new StartupLogGate();
        foreach (var category in StartupLogGate.Categories)
        {
            builder.Logging.AddFilter(category, logGate.Passes);
        }

        builder.Configuration.AddInMemoryCollection(PrefixedEnvironment.Read());
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        configure?.Invoke(builder);

        var serverOptions = OptionsRegistration.Read<ServerOptions>(builder.Configuration, ServerOptions.Section);
        if (mustExist && !System.IO.Directory.Exists(Path.GetFullPath(serverOptions.DataPath)))
        {
            throw new StartupException($"The data folder '{Path.GetFullPath(serverOptions.DataPath)}' does not exist: give the server's --data DIR.");
        }

        var dataPath = DataFolder.Ensure(serverOptions.DataPath);
        var addresses = ListenAddress.ParseList(
            builder.Configuration[$"{ServerOptions.Section}:Urls"] ?? builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? ServerOptions.DefaultUrls);
        var time = TimeProvider.System;
        var certificate = TlsCertificateStore.LoadOrCreate(serverOptions, dataPath, time, out _);
        var keys = TokenKeyStore.LoadOrCreate(dataPath);
        builder.Configuration[$"{ServerOptions.Section}:{nameof(ServerOptions.DataPath)}"] = dataPath;

        // Endpoints are configured one way only, by Kestrel's Listen calls: --urls is kept from the
        // host's own address setting, which Kestrel would otherwise override with a warning at every start.
        builder.WebHost.ConfigureKestrel(k => TlsSetup.Configure(k, addresses, certificate, serverOptions.MaxRequestBodyBytes));
        AddFeatures(builder.Services, builder.Configuration, dataPath, keys);
        return (builder.Build(), certificate, dataPath, addresses, logGate);
    }

    /// <summary>Starts Kestrel and the hosted services (relay, media processor); a port that cannot be bound is a <see cref="StartupException"/>.</summary>
    private static async Task ListenAsync(WebApplication app, IReadOnlyList<ListenAddress> addresses, CancellationToken cancellationToken)
    {
        var listening = string.Join(", ", addresses.Select(a => $"{a.Address}:{a.Port}"));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (RelayStartException e)
        {
            throw new StartupException(e.Message, e);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } })
        {
            throw new StartupException($"Cannot listen on {listening}: the port is already in use: set --urls to a free port or stop the other process.", e);
        }
        catch (SocketException e)
        {
            throw new StartupException($"Cannot listen on {listening}: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Certificate.Dispose();
    }

    /// <summary>The features, each registering its own services and settings (one section under <c>Conclave:</c> each).</summary>
    private static void AddFeatures(IServiceCollection services, IConfiguration configuration, string dataPath, TokenKeyStore keys)
    {
        // A test may register its own clock (FakeTimeProvider) before this.
        services.TryAddSingleton(TimeProvider.System);
        services.AddValidatedOptions<ServerOptions>(ServerOptions.Section);

        services.AddConclaveHttp();
        services.AddConclaveStorage(configuration, dataPath);
        services.AddConclaveAudit();
        services.AddConclaveDirectory();
        services.AddConclaveIdentity(configuration, dataPath);
        services.AddConclaveContentProtection(dataPath);
        services.AddConclaveSessions();
        services.AddConclaveAuth(configuration, keys);
        services.AddConclaveThrottling();
        services.AddConclaveAccount();
        services.AddConclaveFirstRun();
        services.AddConclaveAdmin();
        services.AddConclavePolicies();
        services.AddConclaveRelay(configuration);
        services.AddConclaveMediaProcessor();
        services.AddConclaveCalls();
        services.AddConclaveChat();
        services.AddConclaveDlp();
        services.AddConclaveConditionalAccess();
        services.AddConclaveTeams();
        services.AddConclaveFiles(dataPath);
        services.AddConclaveObservability(configuration);
        services.AddConclaveWeb();
    }

    /// <summary>
    /// The request pipeline, then the endpoints of every feature. Deny by default: every endpoint on the
    /// root group needs a valid access token unless it is marked anonymous (a group rather than a fallback
    /// policy, so unknown paths still answer 404/405).
    /// </summary>
    private static void MapFeatures(WebApplication app)
    {
        app.UseConclaveProblems();
        app.UseConclaveWeb();
        app.UseRouting();
        app.UseConclaveThrottling();
        app.UseConclaveCalls();
        app.UseAuthentication();
        app.UseLiveRequestTracking();
        app.UseAuthorization();
        // After authorization: the caller is known; conditional access refuses before any rate-limit permit is spent.
        app.UseConclaveConditionalAccess();
        // After authorization: the limits are per signed-in account (chat changes, ChatRateLimiting).
        app.UseRateLimiter();

        var root = app.MapGroup("").RequireAuthorization();
        root.MapGet("/healthz", () => Results.Ok(new Health("ok"))).AllowAnonymous().Produces<Health>();
        // The API's description at /openapi/v1.json (OpenAPI 3.1), which the web app generates its types from;
        // for signed-in callers, as the rest of the API.
        root.MapOpenApi();
        root.MapConclaveAuth();
        root.MapConclaveIdentity();
        root.MapConclaveAccount();
        root.MapConclaveAdmin();
        root.MapConclaveAudit();
        root.MapConclavePolicies();
        root.MapConclaveCalls();
        root.MapConclaveChat();
        root.MapConclaveDlp();
        root.MapConclaveConditionalAccess();
        root.MapConclaveTeams();
        root.MapConclaveFiles();
        root.MapConclaveRelay();
        root.MapConclaveMediaProcessor();
        root.MapConclaveObservability();
    }

    /// <summary>The arguments without <c>--urls</c> (and its value), which Conclave reads itself.</summary>
    private static string[] WithoutUrls(string[] args)
    {
        var kept = new List<string>(args.Length);
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--urls")
            {
                i++;
                continue;
            }

            if (!args[i].StartsWith("--urls=", StringComparison.Ordinal))
            {
                kept.Add(args[i]);
            }
        }

        return [.. kept];
    }

    private static void ValidateOptions(IServiceProvider services)
    {
        try
        {
            services.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            throw new StartupException(string.Join(Environment.NewLine, e.Failures));
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OptionsValidationException))
        {
            throw new StartupException(string.Join(Environment.NewLine, e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(i => i.Failures)));
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"A setting has an invalid value: {e.InnerException?.Message ?? e.Message}", e);
        }
    }
}
