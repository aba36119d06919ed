using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Server.Http;

namespace Conclave.Server.Dlp;

/// <summary>
/// /api/admin/dlp (docs/api.md, "DLP"): policies, rules, custom sensitive information types and text classification,
/// for Global and Compliance administrators. Names in paths are compared without case.
/// </summary>
public static class DlpEndpoints
{
    public const string Path = "/api/admin/dlp";

    /// <summary>The largest request: a classification of up to the scanner's 1 Mi characters, JSON-escaped.</summary>
    public const long MaxClassifyBodyBytes = 8 * 1024 * 1024;

    public static void MapDlpEndpoints(this IEndpointRouteBuilder app)
    {
        var dlp = app.MapGroup(Path).RequireAuthorization(AdminPolicies.Compliance).WithMetadata(new BodyLimit(64 * 1024));
        dlp.MapGet("/policies", async (DlpAdminService service, CancellationToken ct) => Results.Ok(await service.PoliciesAsync(ct)))
            .Produces<DlpPolicyView[]>();
        dlp.MapPost("/policies", async (NewDlpPolicyRequest body, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                Created(await service.CreatePolicyAsync(AdminActor.Of(context), body, ct), v => $"{Path}/policies/{Uri.EscapeDataString(v.Name)}"))
            .Produces<DlpPolicyView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        dlp.MapGet("/policies/{name}", async (string name, DlpAdminService service, CancellationToken ct) => Answer(await service.PolicyAsync(name, ct)))
            .Produces<DlpPolicyView>().ProducesProblem(StatusCodes.Status404NotFound);
        dlp.MapPatch("/policies/{name}", async (string name, UpdateDlpPolicyRequest body, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                Answer(await service.UpdatePolicyAsync(AdminActor.Of(context), name, body, ct)))
            .Produces<DlpPolicyView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        dlp.MapDelete("/policies/{name}", async (string name, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                NoContent(await service.RemovePolicyAsync(AdminActor.Of(context), name, ct)))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        dlp.MapGet("/rules", async (string? policy, DlpAdminService service, CancellationToken ct) => Answer(await service.RulesAsync(policy, ct)))
            .Produces<DlpRuleView[]>().ProducesProblem(StatusCodes.Status404NotFound);
        dlp.MapPost("/rules", async (NewDlpRuleRequest body, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                Created(await service.CreateRuleAsync(AdminActor.Of(context), body, ct), v => $"{Path}/rules/{Uri.EscapeDataString(v.Name)}"))
            .Produces<DlpRuleView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        dlp.MapGet("/rules/{name}", async (string name, DlpAdminService service, CancellationToken ct) => Answer(await service.RuleAsync(name, ct)))
            .Produces<DlpRuleView>().ProducesProblem(StatusCodes.Status404NotFound);
        dlp.MapPatch("/rules/{name}", async (string name, UpdateDlpRuleRequest body, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                Answer(await service.UpdateRuleAsync(AdminActor.Of(context), name, body, ct)))
            .Produces<DlpRuleView>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        dlp.MapDelete("/rules/{name}", async (string name, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                NoContent(await service.RemoveRuleAsync(AdminActor.Of(context), name, ct)))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);

        dlp.MapGet("/sensitive-types", async (DlpAdminService service, CancellationToken ct) => Results.Ok(await service.TypesAsync(ct)))
            .Produces<SensitiveInformationTypeView[]>();
        dlp.MapPost("/sensitive-types", async (NewSensitiveInformationTypeRequest body, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                Created(await service.CreateTypeAsync(AdminActor.Of(context), body, ct), v => $"{Path}/sensitive-types/{Uri.EscapeDataString(v.Name)}"))
            .Produces<SensitiveInformationTypeView>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);
        dlp.MapDelete("/sensitive-types/{name}", async (string name, HttpContext context, DlpAdminService service, CancellationToken ct) =>
                NoContent(await service.RemoveTypeAsync(AdminActor.Of(context), name, ct)))
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        dlp.MapPost("/classify", async (ClassifyTextRequest body, DlpAdminService service, CancellationToken ct) =>
                body.TextToClassify is null
                    ? Problems.Invalid("textToClassify", Contracts.Errors.ErrorCodes.Request.Malformed, "textToClassify is required.")
                    : Results.Ok(await service.ClassifyAsync(body.TextToClassify, ct)))
            .WithMetadata(new BodyLimit(MaxClassifyBodyBytes))
            .Produces<DataClassificationResult>().ProducesProblem(StatusCodes.Status400BadRequest);
    }

    private static IResult Answer<T>(Result<T> result) => result.IsSuccess ? Results.Ok(result.Value) : Problems.FromError(result.Error);

    private static IResult Created<T>(Result<T> result, Func<T, string> location) =>
        result.IsSuccess ? Results.Created(location(result.Value), result.Value) : Problems.FromError(result.Error);

    private static IResult NoContent(Error? error) => error is null ? Results.NoContent() : Problems.FromError(error);
}
