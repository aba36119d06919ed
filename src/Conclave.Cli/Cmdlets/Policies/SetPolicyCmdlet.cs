using System.Text.Json;
using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// <c>Set-Cs… [-Identity Global] -Setting Value ...</c>: changes only the settings given, as Teams does. A refused
/// value (locally by the ValidateSet, or by the server) changes nothing.
/// </summary>
internal sealed class SetPolicyCmdlet(PolicyNoun noun) : PolicyCmdlet(noun)
{
    protected override string Verb => "Set";

    protected override bool TakesSettings => true;

    public override string Synopsis => $"Changes settings of a {Noun.PolicyType} (PATCH /api/admin/policies/{Noun.PolicyType}/{{identity}}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "Global (the default) or Tag:Name.", position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["parameters"] = Settings(arguments) };
        var path = PolicyPath(arguments.GetString("Identity") ?? "Global");
        return new CmdletResult(PolicyView.Flatten(await api.SendAsync<JsonElement>(HttpMethod.Patch, path, body, cancellationToken)));
    }
}
