using System.Text.Json.Nodes;
using Conclave.Client.Api;

namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// One verb over one policy noun (<c>Set-CsTeamsMeetingPolicy</c>). Verbs that take settings add the server's
/// schema to their own few parameters, so every type shares one implementation per verb.
/// </summary>
internal abstract class PolicyCmdlet(PolicyNoun noun) : Cmdlet
{
    protected PolicyNoun Noun { get; } = noun;

    protected abstract string Verb { get; }

    public override string Name => $"{Verb}-{Noun.Noun}";

    /// <summary>Whether the verb takes the type's settings (-AllowMeetNow $false ...) as parameters.</summary>
    protected virtual bool TakesSettings => false;

    public override bool ParametersFromServer => TakesSettings;

    public override async Task<IReadOnlyList<CmdletParameter>> DescribeParametersAsync(ConclaveApiClient api, CancellationToken cancellationToken) =>
        TakesSettings ? [.. Parameters, .. await PolicySchema.SettingsAsync(api, Noun, cancellationToken)] : Parameters;

    protected string PolicyPath(string identity) => $"{Noun.ApiPath}/{Uri.EscapeDataString(identity)}";

    /// <summary>The settings given on the command line, under their Teams names; <c>$null</c> stays an explicit null.</summary>
    protected JsonObject Settings(CmdletArguments arguments)
    {
        var own = Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var settings = new JsonObject();
        foreach (var name in arguments.BoundNames.Where(n => !own.Contains(n)))
            settings[name] = PolicyView.Value(arguments.GetValue(name));
        return settings;
    }
}
