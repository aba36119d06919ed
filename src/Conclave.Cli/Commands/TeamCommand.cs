using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Conclave.Cli.Output;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Client.Chat;
using Conclave.Client.Teams;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave team list|new|show|add|remove|channel new|channel list|post|watch</c>: teams and their channels through
/// the teams API (docs/api.md, "Teams and channels"); posts go through the chat API with the channel's chat. A team is
/// named by its id or by its name among your teams, a channel by its id or name within the team.
/// </summary>
internal static class TeamCommand
{
    /// <summary>How many times <c>post</c> sends the same message (same ClientMessageId) when the server does not answer.</summary>
    public const int SendAttempts = 5;

    public static Command Create(CliEnvironment environment, GlobalOptions global) => new("team", "Teams and their channels.")
    {
        List(environment, global),
        New(environment, global),
        Show(environment, global),
        Add(environment, global),
        Remove(environment, global),
        new Command("channel", "A team's channels.") { NewChannel(environment, global), ListChannels(environment, global) },
        Post(environment, global),
        Watch(environment, global),
    };

    private static Command List(CliEnvironment environment, GlobalOptions global)
    {
        var command = new Command("list", "Your teams, by name.");
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var teams = await new TeamsApi(session.Api).ListAsync(cancellationToken);
            var format = global.Format(result);
            if (format == OutputFormat.Table && teams.Count == 0)
            {
                environment.Out.WriteLine("No teams.");
                return ExitCodes.Ok;
            }

            new ResultWriter(environment, format).Write(
                format == OutputFormat.Json ? teams : teams.Select(t => new { Team = t.TeamId, t.Name, Role = t.MyRole, Members = t.Members.Count, Channels = t.Channels.Count, t.Archived }).ToList(),
                ["team", "name", "role", "members", "channels", "archived"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command New(CliEnvironment environment, GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The team's name (1 to 256 characters)." };
        var description = new Option<string>("--description") { Description = "What the team is for.", HelpName = "TEXT" };
        var isPublic = new Option<bool>("--public") { Description = "Anyone in the organisation may find it (default: private)." };
        var command = new Command("new", "Create a team: you are its owner, and it has its General channel.") { name, description, isPublic };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var team = await new TeamsApi(session.Api).CreateAsync(
                result.GetValue(name)!, result.GetValue(description), result.GetValue(isPublic) ? TeamVisibilityNames.Public : TeamVisibilityNames.Private, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(team, ["teamId", "name", "visibility", "myRole"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Show(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var command = new Command("show", "A team: its members and roles, then its channels.") { team };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var view = await api.GetAsync(await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken), cancellationToken);
            var format = global.Format(result);
            if (format != OutputFormat.Table)
            {
                new ResultWriter(environment, format).Write(view);
                return ExitCodes.Ok;
            }

            environment.Out.WriteLine($"{view.Name} ({view.Visibility}{(view.Archived ? ", archived" : "")}) {view.TeamId:D}");
            foreach (var member in view.Members)
            {
                environment.Out.WriteLine($"  {member.Role,-6} {member.Upn}");
            }

            WriteChannels(environment, view.Channels);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Add(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var upn = new Argument<string>("UPN") { Description = "The person to add." };
        var owner = new Option<bool>("--owner") { Description = "As an owner (default: member; a guest account joins as a guest)." };
        var command = new Command("add", "Add someone to a team (owners only): they join its standard channels.") { team, upn, owner };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var teamId = await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken);
            var view = await api.AddMemberAsync(teamId, result.GetValue(upn)!, result.GetValue(owner) ? TeamRoleNames.Owner : null, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(view, ["teamId", "name"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Remove(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var upn = new Argument<string>("UPN") { Description = "The person to remove (your own UPN: leave the team)." };
        var command = new Command("remove", "Remove someone from a team and all its channels (owners; anyone may remove themselves).") { team, upn };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var teamId = await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken);
            var view = await api.RemoveMemberAsync(teamId, result.GetValue(upn)!, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(view, ["teamId", "name"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command NewChannel(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var name = new Argument<string>("NAME") { Description = "The channel's name (1 to 50 characters, unique in the team)." };
        var isPrivate = new Option<bool>("--private") { Description = "A private channel: only you and the members you name read it." };
        var members = new Option<string[]>("--member") { Description = "A team member to add to the private channel (repeat for several).", HelpName = "UPN" };
        var command = new Command("new", "Create a channel in a team.") { team, name, isPrivate, members };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var others = result.GetValue(members) ?? [];
            if (others.Length > 0 && !result.GetValue(isPrivate))
            {
                throw new UsageException("--member is for private channels: a standard channel's members are the team's.");
            }

            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var teamId = await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken);
            var channel = await api.CreateChannelAsync(
                teamId, result.GetValue(name)!, null, result.GetValue(isPrivate) ? ChannelKindNames.Private : ChannelKindNames.Standard, others, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(channel, ["channelId", "name", "kind", "chatId"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command ListChannels(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var command = new Command("list", "A team's channels, General first.") { team };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var channels = await api.ListChannelsAsync(await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken), cancellationToken);
            var format = global.Format(result);
            if (format == OutputFormat.Table)
            {
                WriteChannels(environment, channels);
                return ExitCodes.Ok;
            }

            new ResultWriter(environment, format).Write(channels);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Post(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var channel = new Argument<string>("CHANNEL") { Description = "The channel's name or id." };
        var text = new Argument<string>("TEXT") { Description = "The post (Markdown)." };
        var replyTo = new Option<Guid?>("--reply-to") { Description = "Reply in the thread of this post (its message id).", HelpName = "MESSAGE" };
        var command = new Command("post", "Post in a channel, or reply in a thread; sent again until the server has stored it, never twice.") { team, channel, text, replyTo };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var view = await api.GetAsync(await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken), cancellationToken);
            var target = ResolveChannel(view, result.GetValue(channel)!);
            var sent = await new ChatApi(session.Api).SendReliablyAsync(target.ChatId, result.GetValue(text)!, result.GetValue(replyTo), null, SendAttempts, cancellationToken);
            new ResultWriter(environment, global.Format(result)).Write(sent, ["messageId", "chatId", "sequence", "threadRootId"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command Watch(CliEnvironment environment, GlobalOptions global)
    {
        var team = TeamArgument();
        var command = new Command("watch", "Print what happens in a team's channels as it happens, until Ctrl+C (JSON: one event per line).") { team };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = Open(environment, global, result);
            var api = new TeamsApi(session.Api);
            var view = await api.GetAsync(await ResolveTeamAsync(api, result.GetValue(team)!, cancellationToken), cancellationToken);
            var names = view.Channels.ToDictionary(c => c.ChatId, c => c.Name);
            await using var client = await ChatClient.ConnectAsync(session, new ChatClientOptions(), cancellationToken);
            var json = global.Format(result) == OutputFormat.Json;
            if (!json)
            {
                environment.Error.WriteLine($"Watching {view.Name} ({names.Count} channel(s)); Ctrl+C to stop.");
            }

            try
            {
                await foreach (var chatEvent in client.ReadEventsAsync(cancellationToken))
                {
                    // The channels the team had when watching began; the other chats of the caller are not this team's.
                    if (!names.TryGetValue(chatEvent.ChatId, out var channelName))
                    {
                        continue;
                    }

                    environment.Out.WriteLine(json ? JsonSerializer.Serialize(chatEvent, ConclaveJson.Options) : Line(channelName, chatEvent));
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

    private static Argument<string> TeamArgument() => new("TEAM") { Description = "The team's id, or its name among your teams." };

    private static ConclaveSession Open(CliEnvironment environment, GlobalOptions global, ParseResult result) =>
        ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);

    /// <summary>A team id as given, or the one team of yours with that name (any case); a usage error when none or several have it.</summary>
    private static async Task<Guid> ResolveTeamAsync(TeamsApi api, string team, CancellationToken cancellationToken)
    {
        if (Guid.TryParse(team, out var teamId))
        {
            return teamId;
        }

        var named = (await api.ListAsync(cancellationToken)).Where(t => string.Equals(t.Name, team, StringComparison.OrdinalIgnoreCase)).ToList();
        return named.Count switch
        {
            1 => named[0].TeamId,
            0 => throw new UsageException($"You are in no team named '{team}'."),
            _ => throw new UsageException($"Several of your teams are named '{team}': give its id (conclave team list)."),
        };
    }

    private static ChannelView ResolveChannel(TeamView team, string channel) =>
        team.Channels.FirstOrDefault(c => Guid.TryParse(channel, out var id) ? c.ChannelId == id : string.Equals(c.Name, channel, StringComparison.OrdinalIgnoreCase))
        ?? throw new UsageException($"{team.Name} has no channel '{channel}' (conclave team channel list).");

    private static void WriteChannels(CliEnvironment environment, IEnumerable<ChannelView> channels)
    {
        foreach (var channel in channels)
        {
            var access = channel.IsMember ? "" : " (not a member)";
            environment.Out.WriteLine($"  #{channel.Name} {channel.Kind}{access} chat {channel.ChatId:D}");
        }
    }

    private static string Line(string channel, ChatEvent chatEvent)
    {
        if (chatEvent.Message is not { } message || chatEvent.Kind != ChatEventKinds.MessageSent)
        {
            return $"[#{channel} #{chatEvent.Sequence}] {chatEvent.Kind} by {chatEvent.ActorUpn}";
        }

        var time = message.SentAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var thread = message.ThreadRootId is { } root ? $" (reply to {root:D})" : $" (post {message.MessageId:D})";
        return $"[#{channel}] {time} {message.SenderUpn}: {message.Text}{thread}";
    }
}
