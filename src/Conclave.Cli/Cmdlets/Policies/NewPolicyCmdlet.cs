using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary><c>New-Cs…Policy -Identity Name [-Setting Value ...]</c>: a custom policy, unset settings at their defaults.</summary>
internal sealed class NewPolicyCmdlet(PolicyNoun noun) : PolicyCmdlet(noun)
{
    protected override string Verb => "New";

    protected override bool TakesSettings => true;

    public override string Synopsis => $"Creates a custom {Noun.PolicyType} (POST /api/admin/policies/{Noun.PolicyType}); grant it with Grant-{Noun.Noun}.";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "The new policy's name (Tag:Name or Name; no spaces).", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["identity"] = arguments.RequireString("Identity"), ["parameters"] = Settings(arguments) };
        return new CmdletResult(PolicyView.Flatten(await api.SendAsync<JsonElement>(HttpMethod.Post, Noun.ApiPath, body, cancellationToken)));
    }
}
