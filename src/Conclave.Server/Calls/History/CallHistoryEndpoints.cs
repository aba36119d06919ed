using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Server.Http;

namespace Conclave.Server.Calls;

/// <summary>GET /api/me/calls: the signed-in user's call history, newest first, paged.</summary>
public static class CallHistoryEndpoints
{
    public const string Path = "/api/me/calls";

    public static void MapCallHistoryEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet(Path, GetAsync).RequireAuthorization(ConclavePolicies.User)
            .Produces<CallHistoryPage>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>
    /// <c>take</c>: 1 to <see cref="CallHistory.MaxTake"/>, default <see cref="CallHistory.DefaultTake"/>;
    /// <c>before</c>: a call id from an earlier page (its <c>nextBefore</c>), for the calls older than it;
    /// <c>missed=true</c>: only the calls the user missed.
    /// </summary>
    private static async Task<IResult> GetAsync(
        HttpContext context, CallHistory history, int? take, string? before, bool? missed, CancellationToken cancellationToken)
    {
        // The user policy admits people only; an app's token never gets here.
        if (CallerIdentity.Of(context.User) is not { IsUser: true } caller)
        {
            return Problems.FromError(new Error(ErrorCodes.Auth.UserRequired, "Only a signed-in user has a call history.", ErrorKind.Forbidden));
        }

        var size = take ?? CallHistory.DefaultTake;
        if (size is < 1 or > CallHistory.MaxTake)
        {
            return Problems.Invalid("take", ErrorCodes.Call.InvalidArgument, $"take must be between 1 and {CallHistory.MaxTake}.");
        }

        Guid? cursor = null;
        if (before is not null)
        {
            if (!Guid.TryParseExact(before, "D", out var id))
            {
                return Problems.Invalid("before", ErrorCodes.Call.InvalidArgument, "before must be a call id.");
            }

            cursor = id;
        }

        var page = await history.PageAsync(caller.Subject, size, cursor, missed ?? false, cancellationToken);
        return page is null
            ? Problems.Invalid("before", ErrorCodes.Call.InvalidArgument, "before is not a call in your history.")
            : Results.Ok(page);
    }
}
