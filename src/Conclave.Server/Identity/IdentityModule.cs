using System.Security.Claims;
using Conclave.Server.Directory;
using Conclave.Server.Hosting;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Identity;

/// <summary>
/// Accounts: ASP.NET Core Identity over the directory's users (password hashing, lockout, TOTP), the
/// sign-in cookie of the login page, anti-forgery, and the data-protection key ring that protects the
/// cookies and the authenticator keys at rest.
/// </summary>
public static class IdentityModule
{
    /// <summary>Only what UPNs may contain (Domain/Directory/Upn): lower case, so one person has one name.</summary>
    private const string UserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_+@'";

    /// <summary>A working day: the login page's cookie, used to approve devices and authorize the web app.</summary>
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(8);

    public static IServiceCollection AddConclaveIdentity(this IServiceCollection services, IConfiguration configuration, string dataPath)
    {
        services.AddValidatedOptions<AccountOptions>(AccountOptions.Section);
        var accounts = OptionsRegistration.Read<AccountOptions>(configuration, AccountOptions.Section);
        services.AddIdentity<ConclaveUser, IdentityRole>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = accounts.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = accounts.LockoutDuration;
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = accounts.MinimumPasswordLength;
                // NIST SP 800-63B §5.1.1.2: no composition rules; length is what counts.
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.User.AllowedUserNameCharacters = UserNameCharacters;
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
            o.ExpireTimeSpan = CookieLifetime;
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "conclave.csrf";
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        });
        // When the cookie's principal is rebuilt after its periodic security-stamp check, it keeps how
        // the person signed in (amr) and its browser-session id, and takes the stamp just verified.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = refreshing =>
        {
            if (refreshing.NewPrincipal?.Identity is ClaimsIdentity identity && refreshing.CurrentPrincipal is { } current)
            {
                var stamp = refreshing.NewPrincipal.FindFirst(new IdentityOptions().ClaimsIdentity.SecurityStampClaimType)?.Value;
                SessionClaims.AddTo(identity, stamp, SessionClaims.PerformedMfa(current));
                SessionClaims.AddBrowserSession(identity, current.FindFirst(SessionClaims.BrowserSession)?.Value);
            }

            return Task.CompletedTask;
        });
        DataProtectionKeyRing.Add(services, dataPath);

        services.AddSingleton<UserSecretProtector>();
        services.AddScoped<SignInService>();
        services.AddScoped<FirstSignInSteps>();
        services.AddSingleton<SignInTelemetry>();
        services.AddScoped<TotpVerifier>();
        services.AddScoped<ClaimsFactory>();
        return services;
    }

    /// <summary>The server's own login page (the authorization code and device flows send people to it).</summary>
    public static void MapConclaveIdentity(this IEndpointRouteBuilder app)
    {
        app.MapLoginPage();
        app.MapPageStylesheet();
    }

    /// <summary>Before the server takes requests: authenticator keys stored in clear by an older version are protected.</summary>
    public static Task ProtectStoredSecretsAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<UserSecretProtector>().ProtectClearValuesAsync(services.GetRequiredService<ConclaveDbContext>(), cancellationToken);
}
