using System.Text.Json;
using Conclave.Contracts.Api;
using Conclave.Domain.Common;
using Conclave.Domain.Dlp;
using Conclave.Server.Audit;
using Conclave.Server.Http;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Dlp;

/// <summary>Sensitive information types (<c>Get-/New-/Remove-DlpSensitiveInformationType</c>) and <c>Test-DataClassification</c>.</summary>
public sealed partial class DlpAdminService
{
    /// <summary>The most masked excerpts a classification shows per type.</summary>
    public const int MaxExcerpts = 10;

    public async Task<IReadOnlyList<SensitiveInformationTypeView>> TypesAsync(CancellationToken cancellationToken)
    {
        var catalog = await DlpPolicySource.CatalogAsync(db, null, cancellationToken);
        return [.. catalog.All.OrderBy(t => t is CustomSensitiveInfoType).ThenBy(t => t.Name, StringComparer.OrdinalIgnoreCase).Select(DlpViews.Type)];
    }

    public async Task<Result<SensitiveInformationTypeView>> CreateTypeAsync(
        AdminActor actor, NewSensitiveInformationTypeRequest request, CancellationToken cancellationToken)
    {
        var confidence = DlpParameters.Confidence(request.Confidence, DlpConfidence.High);
        if (!confidence.IsSuccess)
        {
            return confidence.Error;
        }

        var type = CustomSensitiveInfoType.Create(
            request.Name ?? "", request.Pattern ?? "", request.Keywords, request.KeywordProximity ?? SensitiveInfoType.DefaultKeywordProximity, confidence.Value);
        if (!type.IsSuccess)
        {
            return type.Error;
        }

        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var existing = await DlpPolicySource.CatalogAsync(db, null, cancellationToken);
        if (existing.Find(type.Value.Name).IsSuccess)
        {
            return DlpErrors.DuplicateType(type.Value.Name);
        }

        if (await db.DlpSensitiveTypes.CountAsync(cancellationToken) >= DlpLimits.MaxCustomTypes)
        {
            return DlpErrors.InvalidValue("Name", type.Value.Name, $"one of at most {DlpLimits.MaxCustomTypes} custom types (remove one first)");
        }

        db.DlpSensitiveTypes.Add(new DlpSensitiveTypeRecord
        {
            Key = DlpPolicyRecord.KeyOf(type.Value.Name),
            Name = type.Value.Name,
            Pattern = type.Value.Pattern,
            KeywordsJson = JsonSerializer.Serialize(type.Value.Keywords),
            KeywordProximity = type.Value.KeywordProximity,
            Confidence = type.Value.Confidence,
            CreatedAt = time.GetUtcNow(),
        });
        var view = DlpViews.Type(type.Value);
        await change.CommitAsync(Entry(DlpAuditActions.TypeCreated, actor, view.Name, null, view), cancellationToken);
        source.Invalidate();
        return view;
    }

    /// <summary>Removes a custom type no rule names (<c>dlp.type_in_use</c> otherwise; a built-in type is not found).</summary>
    public async Task<Error?> RemoveTypeAsync(AdminActor actor, string name, CancellationToken cancellationToken)
    {
        await using var change = await AuditedTransaction.BeginAsync(db, audit, cancellationToken);
        var type = await db.DlpSensitiveTypes.FirstOrDefaultAsync(t => t.Key == DlpPolicyRecord.KeyOf(name), cancellationToken);
        if (type is null)
        {
            return NotFound("custom sensitive information type", name);
        }

        var rules = await db.DlpRules.AsNoTracking().ToListAsync(cancellationToken);
        var user = rules.FirstOrDefault(r => (JsonSerializer.Deserialize<SensitiveInformationCondition[]>(r.ConditionsJson, JsonSerializerOptions.Web) ?? [])
            .Any(c => string.Equals(c.Name, type.Name, StringComparison.OrdinalIgnoreCase)));
        if (user is not null)
        {
            return new Error(
                Contracts.Errors.ErrorCodes.Dlp.TypeInUse, $"Rule '{user.Name}' names '{type.Name}'; change or remove the rule first.", ErrorKind.Conflict);
        }

        db.DlpSensitiveTypes.Remove(type);
        await change.CommitAsync(Entry(DlpAuditActions.TypeRemoved, actor, type.Name, new { type.Name, type.Pattern }, null), cancellationToken);
        source.Invalidate();
        return null;
    }

    /// <summary>Every type found in <paramref name="text"/> with its counts and masked excerpts; nothing is stored or logged.</summary>
    public async Task<DataClassificationResult> ClassifyAsync(string text, CancellationToken cancellationToken)
    {
        var catalog = await DlpPolicySource.CatalogAsync(db, null, cancellationToken);
        var scan = DlpScanner.Scan(text, catalog.All);
        return new DataClassificationResult(
            [.. scan.Types.Where(t => t.Count > 0).Select(t => new DataClassificationView(
                t.Type.Name, t.Count, t.HighCount, t.MediumCount, [.. t.Matches.Take(MaxExcerpts).Select(m => m.MaskedExcerpt)]))],
            scan.Truncated);
    }
}
