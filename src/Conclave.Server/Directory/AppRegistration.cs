namespace Conclave.Server.Directory;

/// <summary>A confidential client (client credentials) and the roles its tokens carry.</summary>
public sealed class AppRegistration
{
    public string ClientId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>Role names, comma-separated.</summary>
    public string Roles { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
