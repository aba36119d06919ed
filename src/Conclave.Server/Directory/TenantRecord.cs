namespace Conclave.Server.Directory;

/// <summary>The stored tenant: created once at first start.</summary>
public sealed class TenantRecord
{
    public int Id { get; set; }

    public string Domain { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
