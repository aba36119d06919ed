using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Server.Http;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Audit;

/// <summary>GET /api/admin/audit (Global or Compliance administrator).</summary>
public static class AuditEndpoints
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    public static void MapAuditEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/audit", SearchAsync).RequireAuthorization(AdminPolicies.Audit)
            .Produces<AuditView[]>().ProducesProblem(StatusCodes.Status400BadRequest);

    private static async Task<IResult> SearchAsync(
        ConclaveDbContext db, string? from, string? to, string? actor, string? action, string? take, CancellationToken cancellationToken)
    {
        var query = db.AuditRecords.AsNoTracking();
        if (!string.IsNullOrEmpty(from))
        {
            if (!DateTimeOffset.TryParse(from, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var f))
            {
                return Problems.Invalid("from", ErrorCodes.Request.Invalid, "from must be an ISO 8601 time.");
            }

            query = query.Where(r => r.Time >= f.ToUniversalTime());
        }

        if (!string.IsNullOrEmpty(to))
        {
            if (!DateTimeOffset.TryParse(to, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            {
                return Problems.Invalid("to", ErrorCodes.Request.Invalid, "to must be an ISO 8601 time.");
            }

            query = query.Where(r => r.Time <= t.ToUniversalTime());
        }

        var count = DefaultTake;
        if (!string.IsNullOrEmpty(take) && (!int.TryParse(take, out count) || count is < 1 or > MaxTake))
        {
            return Problems.Invalid("take", ErrorCodes.Request.Invalid, $"take must be 1 to {MaxTake}.");
        }

        if (!string.IsNullOrEmpty(actor))
        {
            var needle = actor.Trim().ToLowerInvariant();
            query = query.Where(r => r.ActorUpn == needle || r.ActorId == actor);
        }

        if (!string.IsNullOrEmpty(action))
        {
            query = query.Where(r => r.Action == action || r.Action.StartsWith(action + "."));
        }

        var rows = await query.OrderByDescending(r => r.Id).Take(count).ToListAsync(cancellationToken);
        return Results.Ok(rows.Select(r => new AuditView(r.Id, r.Time, r.ActorId, r.ActorUpn, r.Action, r.Target, r.FromAddress,
            r.Outcome.ToString(), r.Details is null ? null : JsonDocument.Parse(r.Details).RootElement.Clone())));
    }
}
