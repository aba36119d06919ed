using Conclave.Domain.Common;
using Conclave.Domain.Files;
using Conclave.Server.Chat;
using Conclave.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Files;

/// <summary>
/// The one decision on whether a caller may download a chat file, so that a rule added later (a guest's view-only
/// access) is added here. A member of the chat may download a file attached to a message that is not deleted; the
/// uploader may download their own file before it is attached. Everyone else is told <c>chat.not_member</c> (not a
/// member) or <c>file.not_found</c> (no such file in that chat, or not theirs to see), and nothing is read.
/// </summary>
public sealed class ChatFileAccess(ConclaveDbContext db, ChatService chats)
{
    public async Task<Result<ChatFileRecord>> DecideAsync(ChatCaller caller, Guid chatId, Guid fileId, CancellationToken cancellationToken)
    {
        if (await chats.CheckMemberAsync(caller, chatId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var file = await db.ChatFiles.AsNoTracking().FirstOrDefaultAsync(f => f.Id == fileId && f.ChatId == chatId, cancellationToken);
        if (file is null)
        {
            return FileErrors.NotFound();
        }

        if (file.MessageId is not { } messageId)
        {
            return file.UploaderId == caller.UserId ? file : FileErrors.NotFound();
        }

        // A deleted message takes its attachments with it.
        var live = await db.ChatMessages.AnyAsync(m => m.Id == messageId && m.ChatId == chatId && !m.Deleted, cancellationToken);
        return live ? file : FileErrors.NotFound();
    }
}
