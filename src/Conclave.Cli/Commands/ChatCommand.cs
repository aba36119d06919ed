using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Conclave.Cli.Output;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Client.Chat;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave chat list|new|send|download|history|watch</c>: one-to-one and group chats through the chat API (docs/api.md,
/// "Chat"). A chat is named by its id, or for a one-to-one chat by the other person's UPN.
/// </summary>
internal static class ChatCommand
{
    /// <summary>Messages shown by <c>history</c> when --take is not given: a screenful.</summary>
    public const int DefaultTake = 20;

    /// <summary>How many times <c>send</c> sends the same message (same ClientMessageId) when the server does not answer.</summary>
    public const int SendAttempts = 5;

    public static Command Create(CliEnvironment environment, GlobalOptions global) => new("chat", "One-to-one and group chats.")
    {
        List(environment, global),
        New(environment, global),
        Send(environment, global),
        ChatFiles.Download(environment, global),
        History(environment, global),
        Watch(environment, global),
    };

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("list", "Your chats, latest change first.");
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var chats = await new ChatApi(session.Api).ListAsync(cancellationToken);
            var format = global.Format(result);
            if (format == OutputFormat.Table && chats.Count == 0)
            {
                environment.Out.WriteLine("No chats.");
                return ExitCodes.Ok;
            }

            new ResultWriter(environment, format).Write(
                format == OutputFormat.Json ? chats : chats.Select(Row).ToList(),
                ["chat", "kind", "name", "members", "last"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command New(CliEnvironment environment, GlobalOptions global)
    {
        var members = new Argument<string[]>("UPN") { Description = "The others in the chat (yourself included without naming).", Arity = ArgumentArity.OneOrMore };
        var topic = new Option<string>("--topic") { Description = "The group chat's topic.", HelpName = "TEXT" };
        var group = new Option<bool>("--group") { Description = "A group chat even with one other person." };
        var command = new Command("new", "Start a chat: one-to-one with one person (the existing one if you have it), else a group chat.") { members, topic, group };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var others = result.GetValue(members)!;
            var title = result.GetValue(topic);
            var kind = others.Length == 1 && title is null && !result.GetValue(group) ? ChatKindNames.OneOnOne : ChatKindNames.Group;
            using var session = Open(environment, global, result);
            var chat = await new ChatApi(session.Api).CreateAsync(kind, others, title, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(chat, ["chatId", "kind", "topic", "lastSequence"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Send(CliEnvironment environment, GlobalOptions global)
    {
        var chat = new Argument<string>("CHAT") { Description = "A chat id, or a UPN for your one-to-one chat with that person (started if need be)." };
        var text = new Argument<string?>("TEXT")
        {
            Description = "The message (Markdown: **bold**, *italic*, `code`, lists, quotes); with --file it may be left out (the file names are sent).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var replyTo = new Option<Guid?>("--reply-to") { Description = "The id of the message this one answers.", HelpName = "MESSAGE" };
        var mentions = new Option<string[]>("--mention") { Description = "A member the message mentions (repeat for several).", HelpName = "UPN", AllowMultipleArgumentsPerToken = false };
        var files = new Option<string[]>("--file")
        {
            Description = $"A file to upload and attach (repeat for several, at most {ChatFiles.MaxFiles}); progress is shown on stderr.",
            HelpName = "PATH",
            AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("send", "Send a message, with files if given; it is sent again until the server has stored it, never twice.")
        {
            chat, text, replyTo, mentions, files,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var paths = result.GetValue(files) ?? [];
            var message = result.GetValue(text);
            ChatFiles.CheckPaths(paths);
            if (message is null && paths.Length == 0)
            {
                throw new UsageException("Give the message's TEXT, or a --file to send.");
            }

            using var session = Open(environment, global, result);
            var api = new ChatApi(session.Api);
            var chatId = await ResolveAsync(api, result.GetValue(chat)!, create: true, cancellationToken);
            var attachments = await ChatFiles.UploadAsync(environment, api, chatId, paths, cancellationToken);
            if (message is null)
            {
                message = string.Join(", ", paths.Select(Path.GetFileName));
            }

            var sent = await api.SendReliablyAsync(
                chatId, message, result.GetValue(replyTo), result.GetValue(mentions), attachments, SendAttempts, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(sent, ["messageId", "chatId", "sequence", "sentAt"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command History(CliEnvironment environment, GlobalOptions global)
    {
        var chat = new Argument<string>("CHAT") { Description = "A chat id, or a UPN for your one-to-one chat with that person." };
        var take = new Option<int?>("--take") { Description = $"How many of the latest messages: 1 to {ChatApi.MaxTake} (default {DefaultTake}).", HelpName = "N" };
        var command = new Command("history", "The latest messages of a chat, oldest first.") { chat, take };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var count = result.GetValue(take) ?? DefaultTake;
            if (count is < 1 or > ChatApi.MaxTake)
            {
                throw new UsageException($"--take must be between 1 and {ChatApi.MaxTake}.");
            }

            using var session = Open(environment, global, result);
            var api = new ChatApi(session.Api);
            var chatId = await ResolveAsync(api, result.GetValue(chat)!, create: false, cancellationToken);
            var page = await api.GetMessagesAsync(chatId, before: null, count, cancellationToken);
            var oldestFirst = page.Messages.Reverse().ToList();
            var format = global.Format(result);
            if (format == OutputFormat.Table)
            {
                foreach (var message in oldestFirst)
                {
                    environment.Out.WriteLine(Line(message));
                }

                if (oldestFirst.Count == 0)
                {
                    environment.Out.WriteLine("No messages.");
                }

                return ExitCodes.Ok;
            }

            new ResultWriter(environment, format).Write(oldestFirst);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Watch(CliEnvironment environment, GlobalOptions global)
    {
        var history = new Option<bool>("--history") { Description = "Print every chat's history first, then what comes." };
        var command = new Command("watch", "Print what happens in your chats as it happens, until Ctrl+C (JSON: one event per line).") { history };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            await using var client = await ChatClient.ConnectAsync(session, new ChatClientOptions { IncludeHistory = result.GetValue(history) }, cancellationToken);
            var json = global.Format(result) == OutputFormat.Json;
            if (!json)
            {
                environment.Error.WriteLine($"Watching {client.Cursors.Count} chat(s); Ctrl+C to stop.");
            }

            try
            {
                await foreach (var chatEvent in client.ReadEventsAsync(cancellationToken))
                {
                    environment.Out.WriteLine(json ? JsonSerializer.Serialize(chatEvent, ConclaveJson.Options) : Line(chatEvent));
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C is how watching ends.
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    internal static ConclaveSession Open(CliEnvironment environment, GlobalOptions global, ParseResult result) =>
        ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);

    /// <summary>A chat id as given, or the one-to-one chat with a UPN (created when <paramref name="create"/>; the server answers the existing one).</summary>
    internal static async Task<Guid> ResolveAsync(ChatApi api, string chat, bool create, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(chat, out var chatId))
        {
            return chatId;
        }

        if (!chat.Contains('@', StringComparison.Ordinal))
        {
            throw new UsageException($"'{chat}' is neither a chat id nor a UPN.");
        }

        if (create)
        {
            return (await api.CreateAsync(ChatKindNames.OneOnOne, [chat], null, cancellationToken)).ChatId;
        }

        var chats = await api.ListAsync(cancellationToken);
        return chats.FirstOrDefault(c => c.Kind == ChatKindNames.OneOnOne && c.Members.Any(m => string.Equals(m.Upn, chat, StringComparison.OrdinalIgnoreCase)))?.ChatId
            ?? throw new UsageException($"You have no one-to-one chat with {chat}.");
    }

    private static object Row(ChatView chat) => new
    {
        Chat = chat.ChatId,
        chat.Kind,
        Name = chat.Topic ?? string.Join(", ", chat.Members.Select(m => m.DisplayName ?? m.Upn)),
        Members = chat.Members.Count,
        Last = chat.LastSequence,
    };

    private static string Line(MessageView message)
    {
        var time = message.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var body = message.Deleted ? "(deleted)" : message.Text;
        var edited = message.EditedAt is null || message.Deleted ? "" : " (edited)";
        var attached = string.Concat(message.Attachments.Select(f => $" [file {f.FileId:D}: {f.Name}, {f.Size:N0} bytes]"));
        return $"{time} {message.SenderUpn}: {body}{edited}{attached}";
    }

    private static string Line(ChatEvent chatEvent) => chatEvent.Kind switch
    {
        ChatEventKinds.MessageSent when chatEvent.Message is { } m => $"[{Short(chatEvent.ChatId)} #{chatEvent.Sequence}] {Line(m)}",
        ChatEventKinds.MessageEdited when chatEvent.Message is { } m => $"[{Short(chatEvent.ChatId)} #{chatEvent.Sequence}] edited {m.MessageId:D}: {Line(m)}",
        ChatEventKinds.MessageDeleted when chatEvent.Message is { } m => $"[{Short(chatEvent.ChatId)} #{chatEvent.Sequence}] {chatEvent.ActorUpn} deleted {m.MessageId:D}",
        ChatEventKinds.ReactionsChanged when chatEvent.Message is { } m =>
            $"[{Short(chatEvent.ChatId)} #{chatEvent.Sequence}] reactions on {m.MessageId:D}: {string.Join(", ", m.Reactions.Select(r => $"{r.Reaction} {r.Upns.Count}"))}",
        _ => $"[{Short(chatEvent.ChatId)} #{chatEvent.Sequence}] {chatEvent.Kind} by {chatEvent.ActorUpn}",
    };

    private static string Short(Guid chatId) => chatId.ToString("N")[..8];
}
