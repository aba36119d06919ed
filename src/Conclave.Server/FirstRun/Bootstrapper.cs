using System.Text.Json.Nodes;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Directory;
using Conclave.Server.Hosting;
using Conclave.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;
namespace Conclave.Server.FirstRun;

/// <summary>
/// First-start set-up, idempotent on every start: the tenant, the admin roles and the built-in OAuth
/// clients before the server listens (<see cref="PrepareAsync"/>); the bootstrap administrator (one-time
/// password printed once) only once everything has bound and started (<see cref="EnsureAdminAsync"/>), so a
/// start that fails creates no account whose password would be lost with it. <c>reset-bootstrap</c>
/// (<see cref="ResetAdminAsync"/>) issues a new one-time password while the administrator has never signed in.
/// </summary>
public sealed partial class Bootstrapper(
    ConclaveDbContext db,
    UserManager<ConclaveUser> users,
    RoleManager<IdentityRole> roles,
    IOpenIddictApplicationManager applications,
    IOpenIddictScopeManager scopes,
    IOptions<TenantOptions> tenantOptions,
    IOptions<ServerOptions> serverOptions,
    IOptions<TokenIssuanceOptions> tokenOptions,
    IAuditLog audit,
    TimeProvider time,
    ILogger<Bootstrapper> logger)
{
    private const string FirstPassword = "One-time password";
    private const string NewPassword = "New one-time password";

    /// <summary>Before the server listens: the tenant, the admin roles and the built-in clients.</summary>
    public async Task<Tenant> PrepareAsync(CancellationToken cancellationToken)
    {
        var tenant = await EnsureTenantAsync(cancellationToken);
        foreach (var role in AdminRoles.All)
        {
            if (!await roles.RoleExistsAsync(role.ToString()))
            {
                await roles.CreateAsync(new IdentityRole(role.ToString()));
            }
        }

        await EnsureClientsAsync(cancellationToken);
        return tenant;
    }

    /// <summary>
    /// <c>reset-bootstrap</c>: a new one-time password for the bootstrap administrator, which must not have
    /// completed a first sign-in (after that, administrators use the admin tools). Audited as
    /// <c>server.bootstrap.reset</c> in the same transaction; the password is printed once, or written to
    /// <c>--bootstrap-admin-password-file</c> (owner-only) when that is given. Refusals are
    /// <see cref="StartupException"/>s: one line, nothing changed.
    /// </summary>
    public async Task ResetAdminAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var stored = await db.Tenants.OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        var admin = stored is null ? null : await users.FindByNameAsync(Tenant.Create(stored.Domain).Value.BootstrapAdmin.Value);
        if (admin is null)
        {
            throw new StartupException("This data has no bootstrap administrator yet: start the server, which creates one and prints its one-time password.");
        }

        if (!admin.MustChangePassword)
        {
            throw new StartupException(
                $"The bootstrap administrator {admin.UserName} has completed its first sign-in, so reset-bootstrap changes nothing: " +
                "another administrator resets its password with the admin tools.");
        }

        var file = serverOptions.Value.BootstrapAdminPasswordFile;
        var password = Identity.OneTimePassword.Generate();
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            // Identity's reset: a new hash and a rotated security stamp (the old password and anything
            // issued under it stop); the lockout of failed tries with the lost password ends.
            var token = await users.GeneratePasswordResetTokenAsync(admin);
            var reset = await users.ResetPasswordAsync(admin, token, password);
            if (!reset.Succeeded)
            {
                throw new StartupException($"The new one-time password is refused: {string.Join(" ", reset.Errors.Select(e => e.Description))}");
            }

            await users.ResetAccessFailedCountAsync(admin);
            await users.SetLockoutEndDateAsync(admin, null);
            if (!string.IsNullOrEmpty(file))
            {
                // Written before the commit: a file that cannot be written leaves the old password in place.
                WritePasswordFile(file, password);
            }

            await change.CommitAsync(
                new AuditEntry(AuditActions.BootstrapReset, AuditOutcome.Success, Target: admin.UserName,
                    Details: new JsonObject { ["via"] = "reset-bootstrap" }),
                cancellationToken);
        }

        await PrintAsync(output, admin.UserName!, password, file, NewPassword);
    }

    /// <summary>Replaces the password file with an owner-only one holding <paramref name="password"/> (write beside it, then rename).</summary>
    private static void WritePasswordFile(string file, string password)
    {
        var full = Path.GetFullPath(file);
        var temporary = full + ".new";
        try
        {
            File.Delete(temporary);
            DataFolder.WriteSecretFile(temporary, System.Text.Encoding.UTF8.GetBytes(password + "\n"));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Cannot write --bootstrap-admin-password-file '{file}': {e.Message}", e);
        }
    }

    private static async Task PrintAsync(TextWriter output, string upn, string password, string? file, string what)
    {
        if (string.IsNullOrEmpty(file))
        {
            // Printed to the console once, never logged: it is shown again nowhere.
            await output.WriteLineAsync($"Bootstrap administrator: {upn}");
            await output.WriteLineAsync($"{what} (shown once; change it at first sign-in): {password}");
        }
        else
        {
            await output.WriteLineAsync($"Bootstrap administrator: {upn} (password {(what == NewPassword ? "written to" : "from")} {file}; change it at first sign-in)");
        }
    }

    private async Task<Tenant> EnsureTenantAsync(CancellationToken cancellationToken)
    {
        var configured = Tenant.Create(tenantOptions.Value.Domain);
        if (!configured.IsSuccess)
        {
            throw new StartupException($"Conclave:Tenant:Domain: {configured.Error.Message}");
        }

        var stored = await db.Tenants.OrderBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            db.Tenants.Add(new TenantRecord { Domain = configured.Value.Domain, CreatedAt = time.GetUtcNow() });
            await db.SaveChangesAsync(cancellationToken);
            return configured.Value;
        }

        if (stored.Domain != configured.Value.Domain)
        {
            DirectoryLog.TenantDomainKept(logger, stored.Domain, configured.Value.Domain);
        }

        return Tenant.Create(stored.Domain).Value;
    }

    /// <summary>
    /// Once the server has bound and started: the bootstrap administrator of <paramref name="tenant"/>,
    /// unless it exists (its one-time password printed once, or read from the password file).
    /// </summary>
    public async Task EnsureAdminAsync(Tenant tenant, TextWriter output, CancellationToken cancellationToken)
    {
        var upn = tenant.BootstrapAdmin.Value;
        if (await users.FindByNameAsync(upn) is not null)
        {
            return;
        }

        var file = serverOptions.Value.BootstrapAdminPasswordFile;
        string password;
        if (!string.IsNullOrEmpty(file))
        {
            try
            {
                password = (await File.ReadAllTextAsync(file, cancellationToken)).TrimEnd('\r', '\n');
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StartupException($"Cannot read --bootstrap-admin-password-file '{file}': {e.Message}", e);
            }
        }
        else
        {
            password = Identity.OneTimePassword.Generate();
        }

        var admin = new ConclaveUser
        {
            UserName = upn,
            Email = upn,
            DisplayName = "Administrator",
            Kind = UserKind.Member,
            MustChangePassword = true,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow(),
        };
        // The administrator, its role and the record of both commit together: a start cut off half-way
        // leaves no administrator, so the next start bootstraps again rather than skipping an unrecorded one.
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            var created = await users.CreateAsync(admin, password);
            if (!created.Succeeded)
            {
                throw new StartupException($"The bootstrap administrator password is refused: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            }

            var granted = await users.AddToRoleAsync(admin, nameof(AdminRole.GlobalAdministrator));
            if (!granted.Succeeded)
            {
                throw new InvalidOperationException("Granting the bootstrap administrator its role failed: " + string.Join(" ", granted.Errors.Select(e => e.Code)));
            }

            await change.CommitAsync(
                new AuditEntry(AuditActions.Bootstrap, AuditOutcome.Success, Target: upn,
                    Details: new JsonObject { ["role"] = nameof(AdminRole.GlobalAdministrator) }),
                cancellationToken);
        }

        await PrintAsync(output, upn, password, file, FirstPassword);
    }

    private async Task EnsureClientsAsync(CancellationToken cancellationToken)
    {
        if (await scopes.FindByNameAsync(BuiltInClients.ApiScope, cancellationToken) is null)
        {
            await scopes.CreateAsync(
                new OpenIddictScopeDescriptor { Name = BuiltInClients.ApiScope, Resources = { BuiltInClients.ApiResource } },
                cancellationToken);
        }

        var cli = new OpenIddictApplicationDescriptor
        {
            ClientId = BuiltInClients.Cli,
            ClientType = ClientTypes.Public,
            DisplayName = "Conclave command line",
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.DeviceAuthorization,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.DeviceCode,
                Permissions.GrantTypes.Password,
                Permissions.GrantTypes.RefreshToken,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + Scopes.OpenId,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                Permissions.Prefixes.Scope + BuiltInClients.ApiScope,
            },
        };
        var web = new OpenIddictApplicationDescriptor
        {
            ClientId = BuiltInClients.Web,
            ClientType = ClientTypes.Public,
            DisplayName = "Conclave web",
            ConsentType = ConsentTypes.Implicit,
            Permissions =
            {
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile,
                Permissions.Prefixes.Scope + Scopes.OpenId,
                Permissions.Prefixes.Scope + Scopes.OfflineAccess,
                Permissions.Prefixes.Scope + BuiltInClients.ApiScope,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in tokenOptions.Value.WebRedirectUris)
        {
            web.RedirectUris.Add(new Uri(uri));
        }

        foreach (var descriptor in new[] { cli, web })
        {
            var existing = await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken);
            if (existing is null)
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            else
            {
                // Built-in clients follow the server's definition (e.g. changed redirect URIs) on every start.
                await applications.UpdateAsync(existing, descriptor, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Adds the call page's redirect URIs for the addresses the server is bound to (known only once it
    /// listens, e.g. after port 0) to <c>conclave-web</c>, beside the configured ones.
    /// </summary>
    public async Task AddWebRedirectUrisAsync(IEnumerable<string> redirectUris, CancellationToken cancellationToken)
    {
        var web = await applications.FindByClientIdAsync(BuiltInClients.Web, cancellationToken)
            ?? throw new InvalidOperationException("The conclave-web client is created at start.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, web, cancellationToken);
        var before = descriptor.RedirectUris.Count;
        foreach (var uri in redirectUris.Select(u => new Uri(u)).Where(u => !descriptor.RedirectUris.Contains(u)))
        {
            descriptor.RedirectUris.Add(uri);
        }

        if (descriptor.RedirectUris.Count != before)
        {
            await applications.UpdateAsync(web, descriptor, cancellationToken);
        }
    }
}
