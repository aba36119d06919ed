using System.Collections.Immutable;

namespace Conclave.Domain.Policies.Schema;

/// <summary>
/// One policy type described as data: its Teams name, the cmdlet noun the admin verbs use, and its
/// parameters. <see cref="IsGrantable"/> types have custom <c>Tag:</c> policies and assignments;
/// the others are tenant-wide configurations with only <c>Global</c>.
/// </summary>
public sealed class PolicyType
{
    internal PolicyType(int index, string name, string cmdletNoun, bool isGrantable, params PolicyParameter[] parameters)
    {
        Index = index;
        Name = name;
        CmdletNoun = cmdletNoun;
        IsGrantable = isGrantable;
        Parameters = [.. parameters];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Index = i;
        }

        Defaults = [.. parameters.Select(p => p.Default)];
    }

    /// <summary>Dense number of this type, 0 to <see cref="PolicyTypes.Count"/> - 1.</summary>
    public int Index { get; }

    /// <summary>Teams' type name, e.g. <c>TeamsEnhancedEncryptionPolicy</c>.</summary>
    public string Name { get; }

    /// <summary>The noun of the admin verbs, e.g. <c>CsTeamsEnhancedEncryptionPolicy</c>.</summary>
    public string CmdletNoun { get; }

    public bool IsGrantable { get; }

    public ImmutableArray<PolicyParameter> Parameters { get; }

    internal ImmutableArray<PolicyValue> Defaults { get; }

    public PolicyParameter? FindParameter(string name)
    {
        foreach (var p in Parameters)
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return p;
            }
        }

        return null;
    }

    public override string ToString() => Name;
}
