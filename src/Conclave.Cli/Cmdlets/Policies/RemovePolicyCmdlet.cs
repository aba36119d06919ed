using System.Text.Json;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// <c>Remove-Cs…Policy -Identity Tag:Name</c>: deletes a custom policy (refused while it is assigned); on
/// <c>Global</c>, which cannot be removed, it resets every setting to its default, as Teams does.
/// </summary>
internal sealed class RemovePolicyCmdlet(PolicyNoun noun) : PolicyCmdlet(noun)
{
    protected override string Verb => "Remove";

    public override string Synopsis => $"Removes a custom {Noun.PolicyType}, or resets Global to the defaults (DELETE /api/admin/policies/{Noun.PolicyType}/{{identity}}).";

    public override IReadOnlyList<CmdletParameter> Parameters { get; } =
    [
        CmdletParameter.String("Identity", "Tag:Name, or Global to reset it.", mandatory: true, position: 0),
    ];

    public override async Task<CmdletResult> InvokeAsync(CmdletArguments arguments, ConclaveApiClient api, CancellationToken cancellationToken)
    {
        var identity = arguments.RequireString("Identity");
        var answer = await api.SendAsync<JsonElement>(HttpMethod.Delete, PolicyPath(identity), null, cancellationToken);
        return answer.ValueKind == JsonValueKind.Undefined
            ? CmdletResult.None($"Removed {Noun.PolicyType} {identity}.")
            : new CmdletResult(PolicyView.Flatten(answer), $"{Noun.PolicyType} Global was reset to its defaults.");
    }
}
