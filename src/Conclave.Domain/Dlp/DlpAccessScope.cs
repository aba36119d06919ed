namespace Conclave.Domain.Dlp;

/// <summary>Purview's "content is shared with people inside / outside my organization" condition of a rule.</summary>
public enum DlpAccessScope
{
    /// <summary>The rule applies wherever the content is shared.</summary>
    None,

    /// <summary>Only where every recipient belongs to the organisation.</summary>
    InOrganization,

    /// <summary>Only where a recipient is outside the organisation: a guest or a federated user.</summary>
    NotInOrganization,
}
