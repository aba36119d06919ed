namespace Conclave.Domain.Policies.Schema;

/// <summary>The shape of a policy parameter's value, which decides how input is parsed and shown.</summary>
public enum ParameterKind
{
    /// <summary><c>True</c> or <c>False</c> (PowerShell also accepts <c>$true</c>, <c>$false</c>, 1 and 0).</summary>
    Boolean,

    /// <summary>One name from a fixed list, compared without regard to case as PowerShell does.</summary>
    Enum,

    /// <summary>Free text such as <c>Description</c>.</summary>
    Text,

    /// <summary>A list of tokens (no spaces, no commas), given comma-separated.</summary>
    List,

    /// <summary>A list of DNS domain names, given comma-separated, checked and lower-cased.</summary>
    DomainList,

    /// <summary><c>AllowAllKnownDomains</c>, or a list of DNS domain names.</summary>
    AllKnownDomainsOrList,
}
