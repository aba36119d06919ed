using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Conclave.Domain.Policies;
using Conclave.Server.Http;

namespace Conclave.Server.Policies;

/// <summary>
/// GET /api/me/policy-events: a server-sent event stream of the signed-in user's E2EE-calls
/// answer, sent at once and again whenever a policy change alters it, so every connected device
/// follows a grant, a policy edit or the user's own switch within a second.
/// </summary>
public static class PolicyEventsEndpoint
{
    public const string E2eeCallsEvent = "e2ee-calls";

    public static void MapPolicyEventsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/me/policy-events", (HttpContext context, PolicyService policies) =>
        {
            if (!PolicyIds.TryUser(AdminActor.Of(context).Id, out var user))
            {
                return Problems.FromError(PolicyErrors.SettingLocked("Only directory users have policy events."));
            }

            return TypedResults.ServerSentEvents(StreamAsync(user, policies, context.RequestAborted));
        }).RequireAuthorization(Http.ConclavePolicies.User)
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream").ProducesProblem(StatusCodes.Status403Forbidden);

    private static async IAsyncEnumerable<SseItem<string>> StreamAsync(
        Guid user, PolicyService policies, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var userId = PolicyIds.User(user);
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnChanged(object? sender, PolicyChangedEventArgs notice)
        {
            if (notice.Concerns(userId))
            {
                wake.Writer.TryWrite(true);
            }
        }

        policies.Changed += OnChanged;
        try
        {
            var directory = await policies.WithFreshGroupsAsync(user, cancellationToken);
            var last = View(directory, user);
            yield return new SseItem<string>(last, E2eeCallsEvent);
            while (await wake.Reader.WaitToReadAsync(cancellationToken))
            {
                wake.Reader.TryRead(out _);
                var next = View(await policies.DirectoryAsync(cancellationToken), user);
                if (next != last)
                {
                    last = next;
                    yield return new SseItem<string>(next, E2eeCallsEvent);
                }
            }
        }
        finally
        {
            policies.Changed -= OnChanged;
        }
    }

    private static string View(PolicyDirectory directory, Guid user) => PolicyMeEndpoints.View(directory, user).ToJsonString();
}
