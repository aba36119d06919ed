namespace Conclave.Server.Chat;

/// <summary>Audit action names of chats: creation and membership changes, committed with the change. Never a message's content.</summary>
public static class ChatAuditActions
{
    public const string Created = "chat.create";
    public const string MemberAdded = "chat.member.add";
    public const string MemberLeft = "chat.member.leave";
}
