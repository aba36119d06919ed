namespace Conclave.Cli.Cmdlets;

/// <summary>
/// Many cmdlets from one implementation, such as the policy verbs over every policy noun. <see cref="CmdletCatalog"/>
/// finds each concrete family by reflection, as it finds single cmdlets.
/// </summary>
internal abstract class CmdletFamily
{
    public abstract IEnumerable<Cmdlet> Create();
}
