namespace Conclave.Server.Teams;

/// <summary>Audit action names of teams: every owner's or administrator's change, committed with the change.</summary>
public static class TeamAuditActions
{
    public const string Created = "team.create";
    public const string Updated = "team.update";
    public const string Archived = "team.archive";
    public const string Unarchived = "team.unarchive";
    public const string MemberAdded = "team.member.add";
    public const string MemberRemoved = "team.member.remove";
    public const string RoleChanged = "team.member.role";
    public const string ChannelCreated = "team.channel.create";
    public const string ChannelUpdated = "team.channel.update";
    public const string ChannelDeleted = "team.channel.delete";
    public const string ChannelMemberAdded = "team.channel.member.add";
    public const string ChannelMemberRemoved = "team.channel.member.remove";
}
