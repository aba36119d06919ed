using Conclave.Domain.Dlp;

namespace Conclave.Server.Dlp;

/// <summary>Sizes of the stored DLP definitions.</summary>
public static class DlpLimits
{
    /// <summary>Names of policies, rules and custom types (as the domain's name rule).</summary>
    public const int MaxNameLength = DlpNames.MaxLength;

    public const int MaxCommentLength = 1024;

    /// <summary>Policies an organisation may define; each is evaluated on every message.</summary>
    public const int MaxPolicies = 100;

    /// <summary>Custom types an organisation may define.</summary>
    public const int MaxCustomTypes = 100;
}
