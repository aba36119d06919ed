using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>Rules (<c>New-/Set-/Remove-DlpComplianceRule</c>).</summary>
public sealed partial class DlpAdminService
{
    /// <summary>Every rule, or the rules of <paramref name="policy"/>.</summary>
    public async Task<Result<IReadOnlyList<DlpRuleView>>> RulesAsync(string? policy, CancellationToken cancellationToken)
    {
        var policies = await db.DlpPolicies.AsNoTracking().ToDictionaryAsync(p => p.Key, p => p.Name, cancellationToken);
        var key = policy is null ? null : DlpPolicyRecord.KeyOf(policy);
        if (key is not null && !policies.ContainsKey(key))
        {
            return NotFound("policy", policy!);
        }

        var rules = await db.DlpRules.AsNoTracking().Where(r => key == null || r.PolicyKey == key)
            .OrderBy(r => r.PolicyKey).ThenBy(r => r.CreatedAt).ThenBy(r => r.Key).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<DlpRuleView>>.Success([.. rules.Select(r => DlpViews.Rule(r, policies[r.PolicyKey]))]);
    }

    public async Task<Result<DlpRuleView>> RuleAsync(string name, CancellationToken cancellationToken)
    {
        var rule = await db.DlpRules.AsNoTracking().FirstOrDefaultAsync(r => r.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        return rule is null ? NotFound("rule", name) : await RuleViewAsync(rule, cancellationToken);
    }

    public async Task<Result<DlpRuleView>> CreateRuleAsync(AdminActor actor, NewDlpRuleRequest request, CancellationToken cancellationToken)
    {
        var name = DlpNames.Validate(request.Name, "rule");
        if (!name.IsSuccess)
        {
            return name.Error;
        }

        var now = time.GetUtcNow();
        var rule = new DlpRuleRecord { Key = DlpPolicyRecord.KeyOf(name.Value), Name = name.Value, CreatedAt = now, ModifiedAt = now };
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var policy = await db.DlpPolicies.FirstOrDefaultAsync(p => p.Key == DlpPolicyRecord.KeyOf(request.Policy ?? ""), cancellationToken);
        if (policy is null)
        {
            return NotFound("policy", request.Policy ?? "");
        }

        if (await db.DlpRules.AnyAsync(r => r.Key == rule.Key, cancellationToken))
        {
            return Exists("rule", name.Value);
        }

        if (await db.DlpRules.CountAsync(r => r.PolicyKey == policy.Key, cancellationToken) >= DlpPolicy.MaxRules)
        {
            return DlpErrors.EmptyPolicy(policy.Name, DlpPolicy.MaxRules);
        }

        rule.PolicyKey = policy.Key;
        var applied = await ApplyAsync(rule, new UpdateDlpRuleRequest(
            request.ContentContainsSensitiveInformation, request.AccessScope ?? nameof(DlpAccessScope.None), request.BlockAccess ?? false,
            request.NotifyUser ?? [], request.NotifyAllowOverride ?? "", request.NotifyPolicyTipCustomText ?? "", request.Disabled ?? false), cancellationToken);
        if (applied is not null)
        {
            return applied;
        }

        db.DlpRules.Add(rule);
        policy.ModifiedAt = now;
        var view = DlpViews.Rule(rule, policy.Name);
        await change.CommitAsync(Entry(DlpAuditActions.RuleCreated, actor, rule.Name, null, view), cancellationToken);
        source.Invalidate();
        return view;
    }

    public async Task<Result<DlpRuleView>> UpdateRuleAsync(AdminActor actor, string name, UpdateDlpRuleRequest request, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var rule = await db.DlpRules.FirstOrDefaultAsync(r => r.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        if (rule is null)
        {
            return NotFound("rule", name);
        }

        var before = await RuleViewAsync(rule, cancellationToken);
        if (await ApplyAsync(rule, request, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        rule.ModifiedAt = time.GetUtcNow();
        var after = DlpViews.Rule(rule, before.Policy);
        await change.CommitAsync(Entry(DlpAuditActions.RuleUpdated, actor, rule.Name, before, after), cancellationToken);
        source.Invalidate();
        return after;
    }

    public async Task<Error?> RemoveRuleAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var rule = await db.DlpRules.FirstOrDefaultAsync(r => r.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        if (rule is null)
        {
            return NotFound("rule", name);
        }

        var before = await RuleViewAsync(rule, cancellationToken);
        db.DlpRules.Remove(rule);
        await change.CommitAsync(Entry(DlpAuditActions.RuleRemoved, actor, rule.Name, before, null), cancellationToken);
        source.Invalidate();
        return null;
    }

    /// <summary>Sets the given parameters on <paramref name="rule"/> once the whole rule they make compiles; else the refusal and nothing changed.</summary>
    private async Task<Error?> ApplyAsync(DlpRuleRecord rule, UpdateDlpRuleRequest request, CancellationToken cancellationToken)
    {
        var scope = request.AccessScope is null ? Result<DlpAccessScope>.Success(rule.AccessScope) : DlpParameters.AccessScope(request.AccessScope);
        var notify = request.NotifyUser is null ? Result<IReadOnlyList<string>>.Success(rule.NotifyUser.Split(',', StringSplitOptions.RemoveEmptyEntries))
            : DlpParameters.NotifyUser(request.NotifyUser);
        var allowOverride = request.NotifyAllowOverride is null ? Result<string?>.Success(rule.NotifyAllowOverride)
            : DlpParameters.NotifyAllowOverride(request.NotifyAllowOverride);
        if (FirstError(scope.Error, notify.Error, allowOverride.Error) is { } invalid)
        {
            return invalid;
        }

        var candidate = new DlpRuleRecord
        {
            Name = rule.Name,
            ConditionsJson = request.ContentContainsSensitiveInformation is null ? rule.ConditionsJson : "",
            AccessScope = scope.Value,
            BlockAccess = request.BlockAccess ?? rule.BlockAccess,
            NotifyUser = string.Join(',', notify.Value),
            NotifyAllowOverride = allowOverride.Value,
            NotifyPolicyTipCustomText = request.NotifyPolicyTipCustomText is null ? rule.NotifyPolicyTipCustomText
                : string.IsNullOrWhiteSpace(request.NotifyPolicyTipCustomText) ? null : request.NotifyPolicyTipCustomText.Trim(),
            Disabled = request.Disabled ?? rule.Disabled,
        };
        var catalog = await DlpPolicySource.CatalogAsync(db, null, cancellationToken);
        if (request.ContentContainsSensitiveInformation is not null)
        {
            var conditions = DlpParameters.Conditions(catalog, request.ContentContainsSensitiveInformation);
            if (!conditions.IsSuccess)
            {
                return conditions.Error;
            }

            candidate.ConditionsJson = JsonSerializer.Serialize(conditions.Value.Select(DlpParameters.ViewOf), JsonSerializerOptions.Web);
        }

        var compiled = DlpPolicySource.Compile(candidate, catalog);
        if (!compiled.IsSuccess)
        {
            return compiled.Error;
        }

        rule.ConditionsJson = candidate.ConditionsJson;
        rule.AccessScope = candidate.AccessScope;
        rule.BlockAccess = candidate.BlockAccess;
        rule.NotifyUser = candidate.NotifyUser;
        rule.NotifyAllowOverride = candidate.NotifyAllowOverride;
        rule.NotifyPolicyTipCustomText = candidate.NotifyPolicyTipCustomText;
        rule.Disabled = candidate.Disabled;
        return null;
    }

    private async Task<DlpRuleView> RuleViewAsync(DlpRuleRecord rule, CancellationToken cancellationToken) =>
        DlpViews.Rule(rule, await db.DlpPolicies.Where(p => p.Key == rule.PolicyKey).Select(p => p.Name).SingleAsync(cancellationToken));
}
