using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Policies;
using Conclave.Domain.Policies.Questions;
using Conclave.Domain.Policies.Schema;
using Conclave.Server.Audit;
using Conclave.Server.Http;

namespace Conclave.Server.Policies;

/// <summary>/api/me/e2ee-calls: the signed-in user's E2EE-calls switch and what the policy allows.</summary>
public static class PolicyMeEndpoints
{
    private static readonly PolicyParameter Calling =
        PolicyTypes.TeamsEnhancedEncryptionPolicy.FindParameter("CallingEndtoEndEncryptionEnabledType")!;

    public static void MapPolicyMeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/e2ee-calls", GetAsync).RequireAuthorization(Http.ConclavePolicies.User).Produces<JsonObject>();
        app.MapPut("/api/me/e2ee-calls", PutAsync).RequireAuthorization(Http.ConclavePolicies.User)
            .Produces<JsonObject>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden);
    }

    private static async Task<IResult> GetAsync(HttpContext context, PolicyService policies, CancellationToken cancellationToken)
    {
        if (!PolicyIds.TryUser(AdminActor.Of(context).Id, out var user))
        {
            return Problems.FromError(PolicyErrors.SettingLocked("Only directory users have an E2EE-calls setting."));
        }

        return Results.Ok(View(await policies.WithFreshGroupsAsync(user, cancellationToken), user));
    }

    private static async Task<IResult> PutAsync(
        SetE2eeCalls body, HttpContext context, PolicyService policies, CancellationToken cancellationToken)
    {
        var actor = AdminActor.Of(context);
        if (!PolicyIds.TryUser(actor.Id, out var user))
        {
            return Problems.FromError(PolicyErrors.SettingLocked("Only directory users have an E2EE-calls setting."));
        }

        if (!Enum.TryParse<E2eeUserSetting>(body.Setting, ignoreCase: true, out var setting) || !Enum.IsDefined(setting))
        {
            return Problems.Invalid("setting", ErrorCodes.Policy.InvalidValue, "Valid values are: On, Off, Unset.");
        }

        await policies.WithFreshGroupsAsync(user, cancellationToken);
        var result = await policies.ChangeAsync(
            d => d.E2ee.SetE2eeCallSetting(user, setting),
            c => new AuditEntry(PolicyAuditActions.E2eeCallSetting, AuditOutcome.Success, actor.Id, actor.Upn, actor.Upn, actor.From,
                new JsonObject { ["before"] = PolicyJson.Pairs(c.Before), ["after"] = PolicyJson.Pairs(c.After) }),
            cancellationToken);
        if (!result.IsSuccess)
        {
            return Problems.FromError(result.Error);
        }

        return Results.Ok(View(await policies.DirectoryAsync(cancellationToken), user));
    }

    internal static JsonObject View(PolicyDirectory directory, Guid user)
    {
        var mode = directory.E2ee.CallingModeFor(user);
        var effective = directory.E2ee.EffectiveE2eeCallSetting(user);
        return new JsonObject
        {
            ["mode"] = mode.Mode.ToString(),
            ["reason"] = effective.Reason.ToString(),
            ["setting"] = directory.GetE2eeCallSetting(user).ToString(),
            ["on"] = effective.On,
            ["canChange"] = directory.E2ee.CanUserChangeE2eeSetting(user),
            ["policy"] = mode.Policy.Identity.ToString(),
            // The value as an administrator set it (Teams' name, e.g. DisabledUserOverride); "mode" is what it means.
            ["policyValue"] = Calling.Format(mode.Policy[Calling]),
        };
    }
}
