using System.Text.Json;
using Conclave.Cli.Tests.Calls;
using Conclave.Client.Api;
using Conclave.Client.Chat;
using Conclave.Client.Teams;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Tests.Teams;

/// <summary>The <c>conclave team</c> verbs and the .NET <see cref="TeamsApi"/> on the real server.</summary>
[Collection(CallCollection.Name)]
public sealed class TeamEndToEndTests(CallServerFixture server) : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly CliHarness _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task TeamVerbs_NewAddChannelPostShowWatch_AndTheirRefusals()
    {
        var aliceUpn = await server.CreateUserAsync("alice");
        var bobUpn = await server.CreateUserAsync("bob");
        using var bob = await server.SignInAsync(bobUpn);
        var login = await _cli.RunWithInputAsync(
            CallServerFixture.Password + "\n", "login", "--server", server.Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority), "--user", aliceUpn, "--password-stdin");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        var name = "Launch " + Guid.NewGuid().ToString("N")[..6];

        var created = await _cli.RunAsync("team", "new", name, "--description", "The launch team", "-o", "json");
        Assert.True(created.ExitCode == ExitCodes.Ok, created.ToString());
        var teamId = JsonDocument.Parse(created.Stdout).RootElement.GetProperty("teamId").GetGuid();
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("team", "add", name, bobUpn)).ExitCode);
        var channel = await _cli.RunAsync("team", "channel", "new", name, "Design", "-o", "json");
        Assert.True(channel.ExitCode == ExitCodes.Ok, channel.ToString());
        var designChat = JsonDocument.Parse(channel.Stdout).RootElement.GetProperty("chatId").GetGuid();

        var posted = await _cli.RunAsync("team", "post", name, "design", "Kick-off on Monday?", "-o", "json");
        Assert.True(posted.ExitCode == ExitCodes.Ok, posted.ToString());
        var root = JsonDocument.Parse(posted.Stdout).RootElement.GetProperty("messageId").GetGuid();
        var replied = await _cli.RunAsync("team", "post", teamId.ToString("D"), "Design", "Yes", "--reply-to", root.ToString("D"), "-o", "json");
        Assert.Equal(root, JsonDocument.Parse(replied.Stdout).RootElement.GetProperty("threadRootId").GetGuid());

        // Bob reads the post and its thread through the .NET client, as any channel member.
        var team = await new TeamsApi(bob.Api).GetAsync(teamId, None);
        Assert.Equal(TeamRoleNames.Member, team.MyRole);
        var posts = await new ChatApi(bob.Api).GetMessagesAsync(designChat, null, 10, None);
        Assert.Equal("Kick-off on Monday?", Assert.Single(posts.Messages).Text);

        var show = await _cli.RunAsync("team", "show", name);
        Assert.Contains(bobUpn, show.Stdout, StringComparison.Ordinal);
        Assert.Contains("#General", show.Stdout, StringComparison.Ordinal);
        var channels = await _cli.RunAsync("team", "channel", "list", name);
        Assert.Contains(designChat.ToString("D"), channels.Stdout, StringComparison.Ordinal);
        Assert.Contains(name, (await _cli.RunAsync("team", "list")).Stdout, StringComparison.Ordinal);

        // watch prints what Bob posts in the team's channels while it runs, until cancelled.
        using var stop = new CancellationTokenSource();
        using var output = new LineWriter();
        var watch = _cli.RunAsync(TextReader.Null, output, TextWriter.Null, stop.Token, "team", "watch", name, "-o", "json");
        var line = output.WaitForLineAsync(l => l.Contains("from bob", StringComparison.Ordinal));
        var bobChat = new ChatApi(bob.Api);
        for (var attempt = 0; attempt < 50 && !line.IsCompleted; attempt++)
        {
            await bobChat.SendReliablyAsync(designChat, $"from bob {attempt}", null, null, 1, None);
            await Task.WhenAny(line, Task.Delay(200));
        }

        using (var watched = JsonDocument.Parse(await line.Within()))
        {
            Assert.Equal(designChat, watched.RootElement.GetProperty("chatId").GetGuid());
        }

        await stop.CancelAsync();
        Assert.Equal(ExitCodes.Ok, await watch.Within());

        // Refusals: the server's (exit 1, its code on stderr) and usage errors (exit 2).
        var general = await _cli.RunAsync("team", "channel", "new", name, "general");
        Assert.Equal(ExitCodes.Refused, general.ExitCode);
        Assert.Contains("team.invalid_name", general.Stderr, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, (await _cli.RunAsync("team", "show", "no such team")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await _cli.RunAsync("team", "post", name, "Nowhere", "hello")).ExitCode);
        Assert.Equal(ExitCodes.Usage, (await _cli.RunAsync("team", "channel", "new", name, "Ops", "--member", bobUpn)).ExitCode);
        var lastOwner = await _cli.RunAsync("team", "remove", name, aliceUpn);
        Assert.Equal(ExitCodes.Refused, lastOwner.ExitCode);
        Assert.Contains("team.last_owner", lastOwner.Stderr, StringComparison.Ordinal);

        var byBob = await Assert.ThrowsAsync<ApiProblemException>(() => new TeamsApi(bob.Api).AddMemberAsync(teamId, aliceUpn, null, None));
        Assert.Equal((403, "team.not_owner"), (byBob.StatusCode, byBob.Code));
        Assert.Equal(ExitCodes.Ok, (await _cli.RunAsync("team", "remove", name, bobUpn)).ExitCode);
        var gone = await Assert.ThrowsAsync<ApiProblemException>(() => bobChat.GetMessagesAsync(designChat, null, 10, None));
        Assert.Equal((403, "chat.not_member"), (gone.StatusCode, gone.Code));
    }
}
