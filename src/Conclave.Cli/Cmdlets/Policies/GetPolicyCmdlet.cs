using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary><c>Get-Cs…Policy [-Identity]</c>: one policy, or all of the type with Global first (GET /api/admin/policies/{type}).</summary>
internal sealed class GetPolicyCmdlet(PolicyNoun noun) : PolicyCmdlet(noun)
{
    protected override string Verb => "Get";

    public override string Synopsis => Noun.Grantable
        ? $"Shows {Noun.PolicyType} policies: Global and the custom Tag: ones, or the one named by -Identity."
        : $"Shows the tenant's {Noun.PolicyType} (one Global instance).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "Global, Tag:Name or Name; all policies of the type when left out.", position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var identity = arguments.GetString("Identity") ?? (Noun.Grantable ? null : "Global");
        var path = identity is null ? Noun.ApiPath : PolicyPath(identity);
        return new CmdletResult(PolicyView.Flatten(await api.SendAsync<JsonElement>(HttpMethod.Get, path, null, cancellationToken)));
    }
}
