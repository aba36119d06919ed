using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Conclave.Server.Admin;
using Conclave.Server.Api;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Directory;
using Conclave.Server.Identity;
using Conclave.Server.Relay;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using Conclave.Server.Throttling;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Hosting;

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
        builder.Configuration.AddInMemoryCollection(PrefixedEnvironment());
        builder.Configuration.AddCommandLine(args, SwitchMappings);
        configure?.Invoke(builder);

        var serverOptions = Bind<ServerOptions>(builder.Configuration, ServerOptions.Section);
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
        AddServices(builder, dataPath, keys);

        var app = builder.Build();
        ValidateOptions(app.Services);
        ConfigurePipeline(app);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await StorageSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), cancellationToken);
            await scope.ServiceProvider.GetRequiredService<UserSecretProtector>()
                .ProtectClearValuesAsync(scope.ServiceProvider.GetRequiredService<ConclaveDbContext>(), cancellationToken);
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
        catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
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
                .AddWebRedirectUrisAsync(Web.CallPageRedirects.For(server.Addresses, tokens.Issuer), cancellationToken);
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

    private static void AddServices(WebApplicationBuilder builder, string dataPath, TokenKeyStore keys)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        // A test may register its own clock (FakeTimeProvider) before this.
        services.TryAddSingleton(TimeProvider.System);
        AddValidated<ServerOptions>(services, ServerOptions.Section);
        AddValidated<TenantOptions>(services, TenantOptions.Section);
        AddValidated<AccountOptions>(services, AccountOptions.Section);
        AddValidated<TokenIssuanceOptions>(services, TokenIssuanceOptions.Section);
        AddValidated<ThrottlingOptions>(services, ThrottlingOptions.Section);

        services.AddConclaveStorage(configuration, dataPath);
        var accounts = Bind<AccountOptions>(configuration, AccountOptions.Section);
        services.AddIdentity<ConclaveUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = accounts.MinimumPasswordLength;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_+@'";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<ConclaveDbContext>()
            .AddUserStore<ConclaveUserStore>()
            .AddUserManager<ClockedUserManager>()
            .AddDefaultTokenProviders();
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = accounts.PasswordHashIterations);
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPage.Path;
            o.Cookie.Name = "conclave.session";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "conclave.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        // When the cookie's principal is rebuilt after its periodic security-stamp check, it keeps how
        // the person signed in (amr) and takes the stamp just verified.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = refreshing =>
        {
            if (refreshing.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && refreshing.CurrentPrincipal is { } current)
            {
                var stamp = refreshing.NewPrincipal.FindFirst(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType)?.Value;
                SessionClaims.AddTo(identity, stamp, SessionClaims.PerformedMfa(current));
            }

            return Task.CompletedTask;
        });
        DataProtectionKeyRing.Add(services, dataPath);

        var tokens = Bind<TokenIssuanceOptions>(configuration, TokenIssuanceOptions.Section);
        services.AddConclaveOpenIddict(tokens, keys);
        services.AddAuthorization(o =>
        {
            AdminPolicies.Add(o);
            ConclavePolicies.Add(o);
        });
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
        services.AddOpenApi();
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
            o.ExcludedHosts.Clear();
        });

        services.AddSingleton<IAuditLog, AuditLog>();
        services.AddSingleton<Policies.PolicyService>();
        services.AddSingleton<UserSecretProtector>();
        services.AddScoped<SignInService>();
        services.AddScoped<TotpVerifier>();
        services.AddScoped<ClaimsFactory>();
        services.AddScoped<Bootstrapper>();
        services.AddConclaveSessions();
        services.AddConclaveRelay(configuration);
        Media.MediaProcessorServiceCollectionExtensions.AddConclaveMediaProcessor(services);
        Calls.CallServiceCollectionExtensions.AddConclaveCalls(services);

        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = e => e is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseHsts();
        Web.CallPage.UseCallPage(app);
        app.UseRouting();
        app.UseMiddleware<SignInThrottleMiddleware>();
        app.UseMiddleware<Signaling.HubAccessTokenMiddleware>();
        app.UseAuthentication();
        app.UseLiveRequestTracking();
        app.UseAuthorization();

        // Deny by default: every endpoint on this group needs a valid access token unless marked
        // anonymous. (A group rather than a fallback policy, so unknown paths still answer 404/405.)
        var root = app.MapGroup("").RequireAuthorization();
        root.MapGet("/healthz", () => Results.Ok(new Contracts.Api.Health("ok"))).AllowAnonymous().Produces<Contracts.Api.Health>();
        // The API's description at /openapi/v1.json (OpenAPI 3.1), which the web app generates its types from;
        // for signed-in callers, as the rest of the API.
        root.MapOpenApi();
        root.MapTokenEndpoint();
        root.MapAuthorizeEndpoint();
        root.MapVerifyEndpoint();
        root.MapUserInfoEndpoint();
        root.MapLoginPage();
        root.MapAccountEndpoints();
        root.MapMeEndpoint();
        root.MapUserAdminEndpoints();
        root.MapGroupAdminEndpoints();
        root.MapAppAdminEndpoints();
        root.MapAuditEndpoints();
        Policies.PolicyAdminEndpoints.MapPolicyAdminEndpoints(root);
        Policies.PolicyMeEndpoints.MapPolicyMeEndpoints(root);
        Policies.PolicyEventsEndpoint.MapPolicyEventsEndpoint(root);
        Calls.CallServiceCollectionExtensions.MapCallHub(root);
        root.MapRelayEndpoints();
        Media.MediaProcessorServiceCollectionExtensions.MapMediaProcessorEndpoints(root);
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

    /// <summary><c>CONCLAVE_DATABASE__PROVIDER=postgres</c> → <c>Conclave:Database:Provider</c> (after appsettings, before the command line).</summary>
    private static Dictionary<string, string?> PrefixedEnvironment()
    {
        const string Prefix = "CONCLAVE_";
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !name.StartsWith(Prefix + "_", StringComparison.Ordinal))
            {
                settings["Conclave:" + name[Prefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = (string?)entry.Value;
            }
        }

        return settings;
    }

    private static T Bind<T>(ConfigurationManager configuration, string section)
        where T : new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"{section}: {e.InnerException?.Message ?? e.Message}", e);
        }
    }

    private static void AddValidated<T>(IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

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
