using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Auth;
using Conclave.Server.Directory;
using Conclave.Server.Hosting;
using Conclave.Server.Storage;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Admin;

/// <summary>POST /api/admin/apps: app registrations are confidential clients with the client-credentials grant.</summary>
public static class AppAdminEndpoints
{
    public sealed record CreateApp(string? DisplayName, string[]? Roles);

    public static void MapAppAdminEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/apps", CreateAsync).RequireAuthorization(AdminPolicies.Directory);

    private static async Task<IResult> CreateAsync(
        CreateApp body, HttpContext context, IOpenIddictApplicationManager applications, ConclaveDbContext db, IAuditLog audit,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.DisplayName) || body.DisplayName.Length > 256)
        {
            return Problems.Invalid("displayName", "directory.invalid_display_name", "displayName is required (at most 256 characters).");
        }

        var roles = new List<string>();
        foreach (var name in body.Roles ?? [])
        {
            var role = AdminRoles.Parse(name);
            if (!role.IsSuccess)
            {
                return Problems.FromError(role.Error, "roles");
            }

            roles.Add(role.Value.ToString());
        }

        // Only a Global administrator hands out Global administrator power, to apps as to people.
        if (roles.Contains(nameof(AdminRole.GlobalAdministrator)) && !context.User.IsInRole(nameof(AdminRole.GlobalAdministrator)))
        {
            return Problems.FromError(new Domain.Common.Error("auth.forbidden", "Only a Global administrator can grant that role.", Domain.Common.ErrorKind.Forbidden), "roles");
        }

        var clientId = "app-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var secret = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = body.DisplayName.Trim(),
            Permissions =
            {
                Permissions.Endpoints.Token,
                Permissions.Endpoints.Revocation,
                Permissions.GrantTypes.ClientCredentials,
                Permissions.Prefixes.Scope + BuiltInClients.ApiScope,
            },
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        await applications.CreateAsync(descriptor, cancellationToken);
        db.AppRegistrations.Add(new AppRegistration
        {
            ClientId = clientId,
            DisplayName = descriptor.DisplayName,
            Roles = string.Join(',', roles.Distinct()),
            CreatedAt = time.GetUtcNow(),
        });
        var actor = AdminActor.Of(context);
        await change.CommitAsync(
            new AuditEntry(AuditActions.AppCreate, AuditOutcome.Success, actor.Id, actor.Upn, clientId, actor.From,
                new JsonObject { ["after"] = new JsonObject { ["displayName"] = descriptor.DisplayName, ["roles"] = string.Join(',', roles) } }),
            cancellationToken);
        return Results.Created($"/api/admin/apps/{clientId}", new { clientId, clientSecret = secret, displayName = descriptor.DisplayName, roles });
    }
}
