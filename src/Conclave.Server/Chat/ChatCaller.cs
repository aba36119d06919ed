namespace Conclave.Server.Chat;

/// <summary>The signed-in person acting on chats: their account id, UPN and the address the request came from (for the audit log).</summary>
public sealed record ChatCaller(string UserId, string Upn, string? From);
