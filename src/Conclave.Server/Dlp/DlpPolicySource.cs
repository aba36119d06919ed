using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Dlp;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>
/// The organisation's DLP policies, compiled, for the content paths: read from the database at most every
/// <see cref="RefreshInterval"/> (so a change made on another server instance takes effect within it) and at once after
/// a change on this one (<see cref="Invalidate"/>). A stored rule that no longer compiles is logged and left out.
/// </summary>
public sealed class DlpPolicySource(IServiceScopeFactory scopes, TimeProvider time, ILogger<DlpPolicySource> logger) : IDisposable
{
    /// <summary>How stale another instance's view of a change may be.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private volatile Snapshot? _current;

    public async ValueTask<DlpPolicySet> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetUtcNow() < current.Expires)
        {
            return current.Policies;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            current = _current;
            if (current is not null && time.GetUtcNow() < current.Expires)
            {
                return current.Policies;
            }

            var policies = await LoadAsync(cancellationToken);
            _current = new Snapshot(policies, time.GetUtcNow() + RefreshInterval);
            return policies;
        }
        finally
        {
            _loading.Release();
        }
    }

    public void Dispose() => _loading.Dispose();

    /// <summary>After a change has committed: the next evaluation reads the policies again.</summary>
    public void Invalidate() => _current = null;

    /// <summary>The built-in types and the stored custom ones that compile.</summary>
    public static async Task<SensitiveInfoTypeCatalog> CatalogAsync(ConclaveDbContext db, ILogger? logger, CancellationToken cancellationToken)
    {
        var stored = await db.DlpSensitiveTypes.AsNoTracking().OrderBy(t => t.Key).ToListAsync(cancellationToken);
        var custom = new List<CustomSensitiveInfoType>();
        foreach (var record in stored)
        {
            var type = CustomSensitiveInfoType.Create(
                record.Name, record.Pattern, JsonSerializer.Deserialize<string[]>(record.KeywordsJson), record.KeywordProximity, record.Confidence);
            if (type.IsSuccess)
            {
                custom.Add(type.Value);
            }
            else if (logger is not null)
            {
                DlpLog.TypeSkipped(logger, record.Name, type.Error.Code);
            }
        }

        var catalog = SensitiveInfoTypeCatalog.Create(custom);
        return catalog.IsSuccess ? catalog.Value : SensitiveInfoTypeCatalog.BuiltIn;
    }

    /// <summary>The stored rule as the domain's, against <paramref name="catalog"/>.</summary>
    public static Domain.Common.Result<DlpRule> Compile(DlpRuleRecord rule, SensitiveInfoTypeCatalog catalog)
    {
        var given = JsonSerializer.Deserialize<SensitiveInformationCondition[]>(rule.ConditionsJson, JsonSerializerOptions.Web) ?? [];
        var conditions = DlpParameters.Conditions(catalog, given);
        if (!conditions.IsSuccess)
        {
            return conditions.Error;
        }

        var notify = rule.NotifyUser.Split(',', StringSplitOptions.RemoveEmptyEntries);
        return DlpRule.Create(
            rule.Name, conditions.Value, DlpParameters.ActionOf(rule.BlockAccess, notify, rule.NotifyAllowOverride),
            DlpConditionMatch.Any, rule.AccessScope, rule.NotifyPolicyTipCustomText);
    }

    private async Task<DlpPolicySet> LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ConclaveDbContext>();
        var policies = await db.DlpPolicies.AsNoTracking().Where(p => p.Mode != DlpPolicyMode.Disable).OrderBy(p => p.Key).ToListAsync(cancellationToken);
        if (policies.Count == 0)
        {
            return DlpPolicySet.Empty;
        }

        var catalog = await CatalogAsync(db, logger, cancellationToken);
        var rules = await db.DlpRules.AsNoTracking().Where(r => !r.Disabled).OrderBy(r => r.CreatedAt).ThenBy(r => r.Key).ToListAsync(cancellationToken);
        var compiled = new List<(DlpPolicy, DlpPolicyMode)>();
        foreach (var policy in policies)
        {
            var domainRules = new List<DlpRule>();
            foreach (var rule in rules.Where(r => r.PolicyKey == policy.Key))
            {
                var domainRule = Compile(rule, catalog);
                if (domainRule.IsSuccess)
                {
                    domainRules.Add(domainRule.Value);
                }
                else
                {
                    DlpLog.RuleSkipped(logger, rule.Name, domainRule.Error.Code);
                }
            }

            // A policy without an enabled rule has nothing to evaluate.
            var domainPolicy = DlpPolicy.Create(policy.Name, domainRules);
            if (domainPolicy.IsSuccess)
            {
                compiled.Add((domainPolicy.Value, policy.Mode));
            }
        }

        return new DlpPolicySet(compiled);
    }

    private sealed record Snapshot(DlpPolicySet Policies, DateTimeOffset Expires);
}
