using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.ConditionalAccess;
using Conclave.Server.Http;
using Conclave.Server.Sessions;

namespace Conclave.Server.ConditionalAccess;

/// <summary>
/// /api/admin/conditional-access (docs/api.md, "Conditional access"): named locations, policies and What If, for
/// Global administrators; /api/admin/devices: users' devices and their compliance, set by a Global administrator or an
/// app registration holding <see cref="AppRoleNames.DeviceCompliance"/>. Names in paths are compared without case.
/// </summary>
public static class ConditionalAccessEndpoints
{
    public const string Path = "/api/admin/conditional-access";
    public const string DevicesPath = "/api/admin/devices";

    public static void MapConditionalAccessEndpoints(this IEndpointRouteBuilder app)
    {
        // 2,000 ranges of at most 49 characters, JSON-quoted: well under 256 KiB.
        var ca = app.MapGroup(Path).RequireAuthorization(AdminPolicies.ConditionalAccess).WithMetadata(new BodyLimit(256 * 1024));
        ca.MapGet("/locations", async (ConditionalAccessAdminService service, CancellationToken ct) => Results.Ok(await service.LocationsAsync(ct)))
            .Produces<NamedLocationView[]>();
        ca.MapPost("/locations", async (NewNamedLocationRequest body, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                Created(await service.CreateLocationAsync(AdminActor.Of(context), body, ct), v => $"{Path}/locations/{Uri.EscapeDataString(v.Name)}"))
            .Produces<NamedLocationView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        ca.MapGet("/locations/{name}", async (string name, ConditionalAccessAdminService service, CancellationToken ct) => Answer(await service.LocationAsync(name, ct)))
            .Produces<NamedLocationView>().ProducesProblem(StatusCodes.Status404NotFound);
        ca.MapPatch("/locations/{name}", async (string name, UpdateNamedLocationRequest body, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                Answer(await service.UpdateLocationAsync(AdminActor.Of(context), Caller(context), name, body, ct)))
            .Produces<NamedLocationView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        ca.MapDelete("/locations/{name}", async (string name, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                NoContent(await service.RemoveLocationAsync(AdminActor.Of(context), name, ct)))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        ca.MapGet("/policies", async (ConditionalAccessAdminService service, CancellationToken ct) => Results.Ok(await service.PoliciesAsync(ct)))
            .Produces<ConditionalAccessPolicyView[]>();
        ca.MapPost("/policies", async (NewConditionalAccessPolicyRequest body, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                Created(await service.CreatePolicyAsync(AdminActor.Of(context), Caller(context), body, ct), v => $"{Path}/policies/{Uri.EscapeDataString(v.Name)}"))
            .Produces<ConditionalAccessPolicyView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        ca.MapGet("/policies/{name}", async (string name, ConditionalAccessAdminService service, CancellationToken ct) => Answer(await service.PolicyAsync(name, ct)))
            .Produces<ConditionalAccessPolicyView>().ProducesProblem(StatusCodes.Status404NotFound);
        ca.MapPatch("/policies/{name}", async (string name, UpdateConditionalAccessPolicyRequest body, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                Answer(await service.UpdatePolicyAsync(AdminActor.Of(context), Caller(context), name, body, ct)))
            .Produces<ConditionalAccessPolicyView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        ca.MapDelete("/policies/{name}", async (string name, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                NoContent(await service.RemovePolicyAsync(AdminActor.Of(context), name, ct)))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        ca.MapPost("/what-if", async (WhatIfRequest body, ConditionalAccessAdminService service, CancellationToken ct) => Answer(await service.WhatIfAsync(body, ct)))
            .Produces<WhatIfResult>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);

        var devices = app.MapGroup(DevicesPath).WithMetadata(new BodyLimit(4 * 1024));
        devices.MapGet("", async (string? user, ConditionalAccessAdminService service, SignInSessions sessions, CancellationToken ct) =>
                await service.DevicesAsync(user ?? "", sessions, ct) is { } list ? Results.Ok(list) : Problems.NotFound($"User '{user}'"))
            .RequireAuthorization(AdminPolicies.ConditionalAccess)
            .Produces<DeviceView[]>().ProducesProblem(StatusCodes.Status404NotFound);
        devices.MapPut("/{id}/compliance", async (string id, SetDeviceComplianceRequest body, HttpContext context, ConditionalAccessAdminService service, CancellationToken ct) =>
                Answer(await service.SetComplianceAsync(AdminActor.Of(context), id, body, ct)))
            .RequireAuthorization(AdminPolicies.DeviceCompliance)
            .Produces<DeviceComplianceView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The caller's own admin-API access, for the check that a change does not lock them out.</summary>
    private static ConditionalAccessGate.Access Caller(HttpContext context)
    {
        var caller = CallerIdentity.Of(context.User);
        return new ConditionalAccessGate.Access(
            caller?.Subject ?? "", caller?.Upn, AccessApplications.AdminApi, AccessContext.AddressOf(context),
            AccessContext.MultiFactorOf(context.User), AccessContext.DeviceOf(context.User), $"{context.Request.Method} {context.Request.Path}");
    }

    private static IResult Answer<T>(Result<T> result) => result.IsSuccess ? Results.Ok(result.Value) : Problems.FromError(result.Error);

    private static IResult Created<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? Results.Created(location(result.Value), result.Value) : Problems.FromError(result.Error);

    private static IResult NoContent(Error? error) => error is null ? Results.NoContent() : Problems.FromError(error);
}
