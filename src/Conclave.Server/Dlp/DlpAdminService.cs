using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Contracts.Api;
using Conclave.Contracts.Errors;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>
/// DLP policies, rules and custom sensitive information types, as compliance administrators change them
/// (<c>New-/Set-/Remove-DlpCompliancePolicy</c>, <c>…-DlpComplianceRule</c>, <c>…-DlpSensitiveInformationType</c>).
/// Each definition is validated by the domain before it is stored, each change commits with its audit record, and
/// the content paths see it at once on this instance (<see cref="DlpPolicySource.Invalidate"/>).
/// </summary>
public sealed partial class DlpAdminService(ConclaveDbContext db, IAuditLog audit, DlpPolicySource source, TimeProvider time)
{
    public async Task<IReadOnlyList<DlpPolicyView>> PoliciesAsync(CancellationToken cancellationToken)
    {
        var policies = await db.DlpPolicies.AsNoTracking().OrderBy(p => p.Key).ToListAsync(cancellationToken);
        var rules = await db.DlpRules.AsNoTracking().ToListAsync(cancellationToken);
        return [.. policies.Select(p => DlpViews.Policy(p, rules))];
    }

    public async Task<Result<DlpPolicyView>> PolicyAsync(string name, CancellationToken cancellationToken)
    {
        var policy = await db.DlpPolicies.AsNoTracking().FirstOrDefaultAsync(p => p.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        return policy is null ? NotFound("policy", name) : await ViewAsync(policy, cancellationToken);
    }

    public async Task<Result<DlpPolicyView>> CreatePolicyAsync(AdminActor actor, NewDlpPolicyRequest request, CancellationToken cancellationToken)
    {
        var name = DlpNames.Validate(request.Name, "policy");
        var mode = DlpParameters.Mode(request.Mode);
        var comment = Comment(request.Comment);
        if (FirstError(name.Error, mode.Error, comment.Error) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var policy = new DlpPolicyRecord
        {
            Key = DlpPolicyRecord.KeyOf(name.Value),
            Name = name.Value,
            Mode = mode.Value,
            Comment = comment.Value,
            CreatedAt = now,
            ModifiedAt = now,
        };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        if (await db.DlpPolicies.AnyAsync(p => p.Key == policy.Key, cancellationToken))
        {
            return Exists("policy", name.Value);
        }

        if (await db.DlpPolicies.CountAsync(cancellationToken) >= DlpLimits.MaxPolicies)
        {
            return new Error(ErrorCodes.Dlp.InvalidValue, $"An organisation may have at most {DlpLimits.MaxPolicies} DLP policies.", ErrorKind.Conflict);
        }

        db.DlpPolicies.Add(policy);
        var view = DlpViews.Policy(policy, []);
        await change.CommitAsync(Entry(DlpAuditActions.PolicyCreated, actor, policy.Name, null, view), cancellationToken);
        source.Invalidate();
        return view;
    }

    public async Task<Result<DlpPolicyView>> UpdatePolicyAsync(AdminActor actor, string name, UpdateDlpPolicyRequest request, CancellationToken cancellationToken)
    {
        var mode = request.Mode is null ? Result<DlpPolicyMode>.Success(default) : DlpParameters.Mode(request.Mode);
        var comment = Comment(request.Comment);
        if (FirstError(mode.Error, comment.Error) is { } invalid)
        {
            return invalid;
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var policy = await db.DlpPolicies.FirstOrDefaultAsync(p => p.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        if (policy is null)
        {
            return NotFound("policy", name);
        }

        var before = await ViewAsync(policy, cancellationToken);
        policy.Mode = request.Mode is null ? policy.Mode : mode.Value;
        policy.Comment = request.Comment is null ? policy.Comment : comment.Value;
        policy.ModifiedAt = time.GetUtcNow();
        var after = await ViewAsync(policy, cancellationToken);
        await change.CommitAsync(Entry(DlpAuditActions.PolicyUpdated, actor, policy.Name, before, after), cancellationToken);
        source.Invalidate();
        return after;
    }

    /// <summary>Removes the policy and its rules.</summary>
    public async Task<Error?> RemovePolicyAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var policy = await db.DlpPolicies.FirstOrDefaultAsync(p => p.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        if (policy is null)
        {
            return NotFound("policy", name);
        }

        var before = await ViewAsync(policy, cancellationToken);
        db.DlpRules.RemoveRange(await db.DlpRules.Where(r => r.PolicyKey == policy.Key).ToListAsync(cancellationToken));
        db.DlpPolicies.Remove(policy);
        await change.CommitAsync(Entry(DlpAuditActions.PolicyRemoved, actor, policy.Name, before, null), cancellationToken);
        source.Invalidate();
        return null;
    }

    private async Task<DlpPolicyView> ViewAsync(DlpPolicyRecord policy, CancellationToken cancellationToken) =>
        DlpViews.Policy(policy, await db.DlpRules.AsNoTracking().Where(r => r.PolicyKey == policy.Key).ToListAsync(cancellationToken));

    private static Result<string?> Comment(string? comment)
    {
        var trimmed = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        return trimmed is null || (trimmed.Length <= DlpLimits.MaxCommentLength && !trimmed.Any(c => char.IsControl(c) && c is not '\n'))
            ? Result<string?>.Success(trimmed)
            : DlpErrors.InvalidValue("Comment", "(the text given)", $"text of at most {DlpLimits.MaxCommentLength} characters");
    }

    internal static Error? FirstError(params Error?[] errors) => errors.FirstOrDefault(e => e is not null);

    internal static Error NotFound(string what, string name) =>
        new(ErrorCodes.Dlp.NotFound, $"No DLP {what} is named '{name}'.", ErrorKind.NotFound);

    internal static Error Exists(string what, string name) =>
        new(ErrorCodes.Dlp.Exists, $"A DLP {what} named '{name}' exists already.", ErrorKind.Conflict);

    internal static AuditEntry Entry(string action, AdminActor actor, string target, object? before, object? after) =>
        new(action, AuditOutcome.Success, actor.Id, actor.Upn, target, actor.From, new JsonObject
        {
            ["before"] = before is null ? null : JsonSerializer.SerializeToNode(before, before.GetType(), JsonSerializerOptions.Web),
            ["after"] = after is null ? null : JsonSerializer.SerializeToNode(after, after.GetType(), JsonSerializerOptions.Web),
        });
}
