using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conclave.Contracts.Api;
using Conclave.Server.Account;
using Conclave.Server.Admin;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Calls;
using Conclave.Server.Directory;
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
using Conclave.Server.Throttling;
using Conclave.Server.Web;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conclave.Server;

/// <summary>
/// Builds, prepares (data folder, certificate, store, bootstrap) and starts the server. Every bad
/// setting surfaces as a <see cref="StartupException"/> with a one-line message.
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

    /// <summary>The process entry point: exit code 0 after a clean shutdown, 2 for a bad setting.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ConclaveServer server;
        try
        {
            server = await StartAsync(args, Console.Out, configure: null, CancellationToken.None);
        }
        catch (StartupException e)
        {
            await Console.Error.WriteLineAsync($"conclave-server: {e.Message}");
            return 2;
        }

        await using (server)
        {
            await server.App.WaitForShutdownAsync();
        }

        return 0;
    }

    public static async Task<ConclaveServer> StartAsync(
        string[] args, TextWriter output, Action<WebApplicationBuilder>? configure, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = WithoutUrls(args), ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironment.Read());
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        configure?.Invoke(builder);

        var serverOptions = OptionsRegistration.Read<ServerOptions>(builder.Configuration, ServerOptions.Section);
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

        var app = builder.Build();
        ValidateOptions(app.Services);
        MapFeatures(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), cancellationToken);
            await IdentityModule.ProtectStoredSecretsAsync(scope.ServiceProvider, cancellationToken);
            await scope.ServiceProvider.GetRequiredService<Bootstrapper>().RunAsync(output, cancellationToken);
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (RelayStartException e)
        {
            await app.DisposeAsync();
            throw new StartupException(e.Message, e);
        }
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } or { InnerException: SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } })
        {
            await app.DisposeAsync();
            throw new StartupException($"Cannot listen on {string.Join(", ", addresses.Select(a => $"{a.Address}:{a.Port}"))}: the port is already in use.", e);
        }
        catch (SocketException e)
        {
            await app.DisposeAsync();
            throw new StartupException($"Cannot listen on {string.Join(", ", addresses.Select(a => $"{a.Address}:{a.Port}"))}: {e.Message}", e);
        }

        var server = new ConclaveServer(app, certificate, dataPath);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var tokens = scope.ServiceProvider.GetRequiredService<IOptions<TokenIssuanceOptions>>().Value;
            await scope.ServiceProvider.GetRequiredService<Bootstrapper>()
                .AddWebRedirectUrisAsync(WebAppRedirects.For(server.Addresses, tokens.Issuer), cancellationToken);
        }

        await output.WriteLineAsync($"Data folder: {dataPath}");
        await output.WriteLineAsync($"TLS certificate SHA-256 fingerprint: {TlsCertificateStore.Fingerprint(certificate)}");
        foreach (var address in server.Addresses)
        {
            await output.WriteLineAsync($"Listening on {address}");
        }

        return server;
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
        services.AddConclaveSessions();
        services.AddConclaveAuth(configuration, keys);
        services.AddConclaveThrottling();
        services.AddConclaveFirstRun();
        services.AddConclaveAdmin();
        services.AddConclavePolicies();
        services.AddConclaveRelay(configuration);
        services.AddConclaveMediaProcessor();
        services.AddConclaveCalls();
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
