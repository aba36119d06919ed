namespace Conclave.Server.Directory;

public sealed class GroupMembership
{
    public string GroupId { get; set; } = "";

    public string UserId { get; set; } = "";

    public DateTimeOffset AddedAt { get; set; }
}
