namespace Conclave.Cli.Cmdlets.Policies;

/// <summary>
/// The policy verbs for every noun: New, Set, Get, Remove and Grant for policies that are granted; Get and Set for
/// tenant-wide configurations such as CsTenantFederationConfiguration.
/// </summary>
internal sealed class PolicyCmdletFamily : CmdletFamily
{
    public override IEnumerable<Cmdlet> Create() => PolicyNoun.All.SelectMany(noun => noun.Grantable
        ? new Cmdlet[] { new GetPolicyCmdlet(noun), new NewPolicyCmdlet(noun), new SetPolicyCmdlet(noun), new RemovePolicyCmdlet(noun), new GrantPolicyCmdlet(noun) }
        : [new GetPolicyCmdlet(noun), new SetPolicyCmdlet(noun)]);
}
