namespace Conclave.Server.Directory;

/// <summary>A confidential client (client credentials) and the roles its tokens carry.</summary>
public sealed class AppRegistration
{
    public string ClientId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Role names, comma-separated.</summary>
    public string Roles { get; set; } = "";

    /// <summary>A disabled app gets no token and its tokens are revoked; enabling it again lets it ask for new ones.</summary>
    public bool Enabled { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public string[] RoleNames() => Roles.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
