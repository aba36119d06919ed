namespace Conclave.Server.Directory;

public sealed class GroupRecord
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string MailNickname { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public List<GroupMembership> Members { get; set; } = [];
}
