using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;

using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Directory;
using Conclave.Server.Http;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>
/// /api/admin/apps: app registrations are confidential clients with the client-credentials grant.
/// Every change is audited with its record in the same transaction, and is capped by the caller's own
/// roles (<see cref="AdminPrivilege"/>). Disabling, deleting, a new secret or new roles revoke the
/// tokens the app holds, which stop at once (token entry validation).
/// </summary>
public static class AppAdminEndpoints
{
    public static void MapAppAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var apps = app.MapGroup("/api/admin/apps").RequireAuthorization(AdminPolicies.Directory);
        apps.MapPost("", CreateAsync).Produces<CreatedApp>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest);
        apps.MapGet("", ListAsync).Produces<AppView[]>();
        apps.MapGet("/{clientId}", GetAsync).Produces<AppView>().ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapPatch("/{clientId}", UpdateAsync).Produces<AppView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapDelete("/{clientId}", DeleteAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        apps.MapPost("/{clientId}/secret", NewSecretAsync).Produces<AppSecret>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> CreateAsync(
        CreateApp body, HttpContext context, IOpenIddictApplicationManager applications, ConclaveDbContext db, IAuditLog audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (!ValidDisplayName(body.DisplayName))
        {
            return Problems.Invalid("displayName", ErrorCodes.Directory.InvalidDisplayName, "displayName is required (at most 256 characters).");
        }

        var roles = ParseRoles(body.Roles ?? []);
        if (!roles.IsSuccess)
        {
            return Problems.FromError(roles.Error, "roles");
        }

        if (AdminPrivilege.CheckGrant(context.User, roles.Value.GrantAs) is { } refusal)
        {
            return await AdminPrivilege.RefuseAsync(context, audit, refusal, "roles");
        }

        var clientId = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = body.DisplayName!.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + BuiltInClients.ApiScope,
            },
        };
        var registration = new AppRegistration
        {
            ClientId = clientId,
            DisplayName = descriptor.DisplayName,
            Roles = string.Join(',', roles.Value.Names),
            CreatedAt = time.GetUtcNow(),
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await applications.CreateAsync(descriptor, cancellationToken);
        db.AppRegistrations.Add(registration);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.AppCreate, AuditOutcome.Success, actor.Id, actor.Upn, clientId, actor.From,
                new JsonObject { ["after"] = Snapshot(registration) }),
            cancellationToken);
        var view = AppView.From(registration);
        return Results.Created($"/api/admin/apps/{clientId}",
            new CreatedApp(clientId, secret, view.DisplayName, view.Roles, view.Enabled, view.CreatedAt));
    }

    private static async Task<IResult> ListAsync(ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var apps = await db.AppRegistrations.AsNoTracking().OrderBy(a => a.DisplayName).ThenBy(a => a.ClientId).Take(1000).ToListAsync(cancellationToken);
        return Results.Ok(apps.Select(AppView.From));
    }

    private static async Task<IResult> GetAsync(string clientId, ConclaveDbContext db, CancellationToken cancellationToken)
    {
        var app = await db.AppRegistrations.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        return app is null ? Problems.NotFound($"App '{clientId}'") : Results.Ok(AppView.From(app));
    }

    private static async Task<IResult> UpdateAsync(
        string clientId, UpdateApp body, HttpContext context, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens,
        ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        if (body.DisplayName is not null && !ValidDisplayName(body.DisplayName))
        {
            return Problems.Invalid("displayName", ErrorCodes.Directory.InvalidDisplayName, "displayName must have 1 to 256 characters.");
        }

        ParsedRoles? roles = null;
        if (body.Roles is not null)
        {
            var parsed = ParseRoles(body.Roles);
            if (!parsed.IsSuccess)
            {
                return Problems.FromError(parsed.Error, "roles");
            }

            roles = parsed.Value;
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var app = await db.AppRegistrations.FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (app is null)
        {
            return Problems.NotFound($"App '{clientId}'");
        }

        var refusal = AdminPrivilege.CheckChange(context.User, $"App {clientId}", app.RoleNames())
            ?? (roles is null ? null : AdminPrivilege.CheckGrant(context.User, roles.GrantAs));
        if (refusal is not null)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal, roles is null ? null : "roles");
        }

        var before = Snapshot(app);
        var wasEnabled = app.Enabled;
        var rolesBefore = app.Roles;
        app.DisplayName = body.DisplayName?.Trim() ?? app.DisplayName;
        app.Enabled = body.Enabled ?? app.Enabled;
        app.Roles = roles is null ? app.Roles : string.Join(',', roles.Names);
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } client
            && await applications.GetDisplayNameAsync(client, cancellationToken) != app.DisplayName)
        {
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, client, cancellationToken);
            descriptor.DisplayName = app.DisplayName;
            await applications.UpdateAsync(client, descriptor, cancellationToken);
        }

        // Tokens carry the roles they were issued with: a disabled app, or one whose roles changed, keeps none.
        if ((wasEnabled && !app.Enabled) || app.Roles != rolesBefore)
        {
            await RevokeTokensAsync(applications, tokens, clientId, cancellationToken);
        }

        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.AppUpdate, AuditOutcome.Success, actor.Id, actor.Upn, clientId, actor.From,
                new JsonObject { ["before"] = before, ["after"] = Snapshot(app) }),
            cancellationToken);
        return Results.Ok(AppView.From(app));
    }

    private static async Task<IResult> DeleteAsync(
        string clientId, HttpContext context, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens,
        ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var app = await db.AppRegistrations.FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        if (app is null)
        {
            return Problems.NotFound($"App '{clientId}'");
        }

        if (AdminPrivilege.CheckChange(context.User, $"App {clientId}", app.RoleNames()) is { } refusal)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal);
        }

        await RevokeTokensAsync(applications, tokens, clientId, cancellationToken);
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } client)
        {
            // OpenIddict deletes the client's token entries with it, inside this transaction.
            await applications.DeleteAsync(client, cancellationToken);
        }

        db.AppRegistrations.Remove(app);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.AppDelete, AuditOutcome.Success, actor.Id, actor.Upn, clientId, actor.From,
                new JsonObject { ["before"] = Snapshot(app) }),
            cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> NewSecretAsync(
        string clientId, HttpContext context, IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens,
        ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var app = await db.AppRegistrations.AsNoTracking().FirstOrDefaultAsync(a => a.ClientId == clientId, cancellationToken);
        var client = app is null ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (app is null || client is null)
        {
            return Problems.NotFound($"App '{clientId}'");
        }

        if (AdminPrivilege.CheckChange(context.User, $"App {clientId}", app.RoleNames()) is { } refusal)
        {
            await change.RollbackAsync(cancellationToken);
            return await AdminPrivilege.RefuseAsync(context, audit, refusal);
        }

        // The old secret stops working with the commit; so do the tokens it was used for.
        var secret = NewSecret();
        await applications.UpdateAsync(client, secret, cancellationToken);
        await RevokeTokensAsync(applications, tokens, clientId, cancellationToken);
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.AppSecretRotate, AuditOutcome.Success, actor.Id, actor.Upn, clientId, actor.From),
            cancellationToken);
        return Results.Ok(new AppSecret(clientId, secret));
    }

    /// <summary>
    /// Revokes every token issued to the app: those of its OpenIddict application and those whose
    /// subject is its client id (the subject of client-credentials tokens).
    /// </summary>
    private static async Task RevokeTokensAsync(
        IOpenIddictApplicationManager applications, IOpenIddictTokenManager tokens, string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } client
            && await applications.GetIdAsync(client, cancellationToken) is { } id)
        {
            await tokens.RevokeByApplicationIdAsync(id, cancellationToken);
        }

        await tokens.RevokeBySubjectAsync(clientId, cancellationToken);
    }

    private static bool ValidDisplayName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 256;

    /// <summary>
    /// The role names, canonical: admin roles and the app-only roles (<see cref="AppRoleNames"/>). For the privilege
    /// check, an app-only role counts as Global administrator: only a Global administrator grants it.
    /// </summary>
    private static Result<ParsedRoles> ParseRoles(IEnumerable<string> names)
    {
        var roles = new List<string>();
        var grantAs = new List<AdminRole>();
        foreach (var name in names)
        {
            var appRole = AppRoleNames.All.FirstOrDefault(r => string.Equals(r, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            var role = appRole is null ? AdminRoles.Parse(name) : AdminRole.GlobalAdministrator;
            if (!role.IsSuccess)
            {
                return role.Error;
            }

            var canonical = appRole ?? role.Value.ToString();
            if (!roles.Contains(canonical))
            {
                roles.Add(canonical);
                grantAs.Add(role.Value);
            }
        }

        return new ParsedRoles(roles, grantAs);
    }

    private sealed record ParsedRoles(List<string> Names, List<AdminRole> GrantAs);

    /// <summary>256 random bits, base64url: shown once, stored only hashed (OpenIddict).</summary>
    private static string NewSecret() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    private static JsonObject Snapshot(AppRegistration app) => new()
    {
        ["displayName"] = app.DisplayName,
        ["roles"] = string.Join(',', app.RoleNames()),
        ["enabled"] = app.Enabled,
    };
}
