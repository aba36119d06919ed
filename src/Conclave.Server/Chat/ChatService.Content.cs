using Conclave.Domain.Chat;
using Conclave.Domain.Common;
using Conclave.Domain.Directory;
using Conclave.Server.Audit;
using Conclave.Server.Dlp;
using Microsoft.EntityFrameworkCore;

namespace Conclave.Server.Chat;

/// <summary>
/// A message's content on its way in, the same for a send and an edit: the text's rules, the caller's membership, the
/// mentions, then the organisation's DLP policies (before anything is stored or delivered).
/// </summary>
public sealed partial class ChatService
{
    /// <summary>What DLP calls a chat message, in its audit records.</summary>
    public const string DlpContentKind = "chat.message";

    /// <summary>The checked body; else <c>chat.*</c> (text, not found, not a member, an invalid mention).</summary>
    private async Task<Result<MessageBody>> ComposeAsync(
        ChatCaller caller, Guid chatId, string? text, IReadOnlyList<string>? mentions, CancellationToken cancellationToken)
    {
        if (ChatText.Check(text) is { } invalid)
        {
            return invalid;
        }

        var chat = await WritableChatAsync(caller, chatId, cancellationToken);
        if (!chat.IsSuccess)
        {
            return chat.Error;
        }

        var mentioned = await MentionsAsync(chatId, mentions, cancellationToken);
        return mentioned.IsSuccess ? new MessageBody(text!, mentioned.Value) : mentioned.Error;
    }

    /// <summary>
    /// The DLP gate's answer for <paramref name="body"/> sent to <paramref name="chatId"/>. A refusal is audited here (the
    /// content is never stored); a match that lets it through leaves its audit record to commit with the message.
    /// </summary>
    private async Task<DlpCheck> CheckContentAsync(
        ChatCaller caller, Guid chatId, MessageBody body, string? justification, CancellationToken cancellationToken)
    {
        var check = await dlp.CheckAsync(
            new DlpContent(DlpContentKind, chatId, caller.UserId, caller.Upn, caller.From, body.Text, justification),
            token => SharedOutsideOrganizationAsync(chatId, token),
            cancellationToken);
        if (check.Refusal is not null)
        {
            await audit.RecordAsync(check.Audit!, cancellationToken);
        }

        return check;
    }

    /// <summary>A member of the chat is a guest or from outside the organisation (DLP's <c>AccessScope</c>).</summary>
    public Task<bool> SharedOutsideOrganizationAsync(Guid chatId, CancellationToken cancellationToken) =>
        db.ChatMembers.Where(m => m.ChatId == chatId)
            .Join(db.Users, m => m.UserId, u => u.Id, (_, u) => u.Kind)
            .AnyAsync(kind => kind != UserKind.Member, cancellationToken);

    private void StageAudit(AuditEntry? entry)
    {
        if (entry is not null)
        {
            audit.Stage(db, entry);
        }
    }

    private void CommittedAudit(AuditEntry? entry)
    {
        if (entry is not null)
        {
            audit.Committed(entry);
        }
    }

    /// <summary>The mentioned UPNs, parsed, distinct, in their order, each a member of the chat; else <c>chat.invalid_mention</c>.</summary>
    private async Task<Result<IReadOnlyList<string>>> MentionsAsync(Guid chatId, IReadOnlyList<string>? mentions, CancellationToken cancellationToken)
    {
        if (mentions is null || mentions.Count == 0)
        {
            return Result<IReadOnlyList<string>>.Success([]);
        }

        if (mentions.Count > ChatMembers.Max)
        {
            return ChatErrors.InvalidMention("(too many mentions)");
        }

        var upns = new List<string>(mentions.Count);
        foreach (var mention in mentions)
        {
            var parsed = Upn.Parse(mention);
            if (!parsed.IsSuccess)
            {
                return ChatErrors.InvalidMention(mention ?? "");
            }

            if (!upns.Contains(parsed.Value.Value))
            {
                upns.Add(parsed.Value.Value);
            }
        }

        var normalized = upns.Select(u => u.ToUpperInvariant()).ToList();
        var members = await db.Users.AsNoTracking()
            .Where(u => normalized.Contains(u.NormalizedUserName!) && db.ChatMembers.Any(m => m.ChatId == chatId && m.UserId == u.Id))
            .Select(u => u.NormalizedUserName!)
            .ToListAsync(cancellationToken);
        var outsider = upns.FirstOrDefault(u => !members.Contains(u.ToUpperInvariant()));
        return outsider is null ? Result<IReadOnlyList<string>>.Success(upns) : ChatErrors.InvalidMention(outsider);
    }
}
