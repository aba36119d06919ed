using Conclave.Client.Api;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Cmdlets.Audit;

internal sealed class SearchAuditLog : Cmdlet
{
    /// <summary>The server's default and ceiling for one query (docs/api.md, <c>take</c>).</summary>
    private const int DefaultResultSize = 100;
    private const int MaximumResultSize = 1000;

    public override string Name => "Search-AuditLog";

    public override string Synopsis => "Searches the append-only audit log; Global or Compliance administrators (GET /api/admin/audit).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.DateTime("StartDate", "Records at or after this instant (UTC when no offset is given)."),
        CmdletParameter.DateTime("EndDate", "Records before this instant."),
        CmdletParameter.StringArray("UserIds", "Only actions by these users (UPN or id), comma-separated."),
        CmdletParameter.StringArray("Operations", "Only these actions, comma-separated (e.g. signin.succeeded)."),
        CmdletParameter.Int32("ResultSize", $"At most this many records (default {DefaultResultSize}).", 1, MaximumResultSize),
    ];

    public override IReadOnlyList<string> TableColumns => ["time", "actorUpn", "action", "target", "outcome", "fromAddress"];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var take = arguments.GetInt32("ResultSize") ?? DefaultResultSize;
        var users = arguments.GetStrings("UserIds") is { Count: > 0 } u ? u.Select(x => (string?)x).ToList() : [null];
        var operations = arguments.GetStrings("Operations") is { Count: > 0 } o ? o.Select(x => (string?)x).ToList() : [null];
        // The API filters by one actor and one action; several of each are one query per pair.
        var records = new List<AuditView>();
        foreach (var user in users)
        {
            foreach (var operation in operations)
            {
                var query = new AuditQuery(arguments.GetDateTime("StartDate"), arguments.GetDateTime("EndDate"), user, operation, take);
                records.AddRange(await api.SearchAuditAsync(query, cancellationToken));
            }
        }
        return new CmdletResult(records.Take(take).ToList());
    }
}
