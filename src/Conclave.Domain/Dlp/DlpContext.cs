namespace Conclave.Domain.Dlp;

/// <summary>Where content is going, for the rules' conditions that are not about the content itself.</summary>
/// <param name="SharedOutsideOrganization">A recipient is a guest or a federated user.</param>
public sealed record DlpContext(bool SharedOutsideOrganization)
{
    /// <summary>Shared only inside the organisation.</summary>
    public static DlpContext InsideOrganization { get; } = new(false);

    public bool Allows(DlpAccessScope scope) => scope switch
    {
        DlpAccessScope.InOrganization => !SharedOutsideOrganization,
        DlpAccessScope.NotInOrganization => SharedOutsideOrganization,
        _ => true,
    };
}
