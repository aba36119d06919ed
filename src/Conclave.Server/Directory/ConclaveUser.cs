using Conclave.Domain.Directory;
using Microsoft.AspNetCore.Identity;

namespace Conclave.Server.Directory;

/// <summary>A directory account: Identity's user plus the directory attributes of the tenant.</summary>
public sealed class ConclaveUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public UserKind Kind { get; set; } = UserKind.Member;

    public bool Enabled { get; set; } = true;

    public bool LicensedToScheduleMeetings { get; set; } = true;

    /// <summary>Set for one-time passwords (bootstrap, admin-created): sign-in is refused until changed.</summary>
    public bool MustChangePassword { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
