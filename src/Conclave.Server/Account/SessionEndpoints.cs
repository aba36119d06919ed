using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Conclave.Server.Sessions;
using Conclave.Server.Storage;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Conclave.Server.Account;

/// <summary>
/// /api/account/sessions: where the signed-in person is signed in ("Devices"), and signing one of those
/// places out, or all but this one. Each revocation is audited in the transaction that makes it; the
/// session's requests in flight (hub connections, event streams) close once it has committed.
/// </summary>
public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account/sessions").RequireAuthorization(ConclavePolicies.User);
        group.MapGet("", ListAsync).Produces<IReadOnlyList<SessionView>>();
        group.MapDelete("/{id}", RevokeAsync).Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("", RevokeOthersAsync).Produces<SessionsRevoked>();
    }

    /// <summary>The answer for a session id the account does not hold: 404 whether it ended or is another account's, so ids cannot be probed.</summary>
    public static Error NotFound(string id) =>
        new(ErrorCodes.Auth.SessionNotFound, $"No signed-in session '{id}' was found for this account.", ErrorKind.NotFound);

    private static async Task<IResult> ListAsync(HttpContext context, SignInSessions sessions, CancellationToken cancellationToken) =>
        Results.Ok(await sessions.ListAsync(Subject(context), context.User.GetAuthorizationId(), cancellationToken));

    private static async Task<IResult> RevokeAsync(
        string id, HttpContext context, SignInSessions sessions, ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var subject = Subject(context);
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            if (!await sessions.RevokeAsync(subject, id, cancellationToken))
            {
                return Problems.FromError(NotFound(id));
            }

            await change.CommitAsync(Entry(context, new JsonObject { ["session"] = id }), cancellationToken);
        }

        sessions.AbortRevoked(subject, context);
        return Results.NoContent();
    }

    /// <summary>"Sign out everywhere else": every session but the one making the request.</summary>
    private static async Task<IResult> RevokeOthersAsync(
        HttpContext context, SignInSessions sessions, ConclaveDbContext db, IAuditLog audit, CancellationToken cancellationToken)
    {
        var subject = Subject(context);
        int revoked;
        await using (var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken))
        {
            revoked = await sessions.RevokeOthersAsync(subject, context.User.GetAuthorizationId(), cancellationToken);
            await change.CommitAsync(Entry(context, new JsonObject { ["others"] = true, ["revoked"] = revoked }), cancellationToken);
        }

        sessions.AbortRevoked(subject, context);
        return Results.Ok(new SessionsRevoked(revoked));
    }

    private static AuditEntry Entry(HttpContext context, JsonObject details)
    {
        var actor = AdminActor.Of(context);
        return new(AuditActions.SessionRevoke, AuditOutcome.Success, actor.Id, actor.Upn, actor.Upn, actor.From, details);
    }

    // The User policy admits only people, whose tokens always carry a subject.
    private static string Subject(HttpContext context) =>
        context.User.GetClaim(Claims.Subject) ?? throw new InvalidOperationException("A person's token without a subject.");
}
