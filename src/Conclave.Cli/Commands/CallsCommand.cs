using System.CommandLine;
using System.Globalization;
using Conclave.Cli.Output;
using Conclave.Client.Api;
using Conclave.Client.Auth;
using Conclave.Contracts.Api;

namespace Conclave.Cli.Commands;

/// <summary><c>conclave calls history [--missed] [--take N]</c>: the signed-in user's calls (GET /api/me/calls).</summary>
internal static class CallsCommand
{
    /// <summary>Calls shown when --take is not given: a screenful.</summary>
    public const int DefaultTake = 20;

    /// <summary>The server's largest page (CallHistory.MaxTake).</summary>
    public const int MaxTake = 200;

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var missed = new Option<bool>("--missed") { Description = "Only the calls you missed." };
        var take = new Option<int?>("--take") { Description = $"How many calls, newest first: 1 to {MaxTake} (default {DefaultTake}).", HelpName = "N" };
        var history = new Command("history", "Your calls, placed and received, newest first (GET /api/me/calls).") { missed, take };
        history.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var count = result.GetValue(take) ?? DefaultTake;
            if (count is < 1 or > MaxTake)
            {
                throw new UsageException($"--take must be between 1 and {MaxTake}.");
            }

            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            var page = await session.Api.GetCallHistoryAsync(new CallHistoryQuery(count, MissedOnly: result.GetValue(missed)), cancellationToken);
            var format = global.Format(result);
            if (format == OutputFormat.Table && page.Calls.Count == 0)
            {
                environment.Out.WriteLine(result.GetValue(missed) ? "No missed calls." : "No calls.");
                return ExitCodes.Ok;
            }

            new ResultWriter(environment, format).Write(
                format == OutputFormat.Json ? page : page.Calls.Select(Row).ToList(),
                ["placed", "direction", "peer", "result", "mode", "duration", "missed"]);
            return ExitCodes.Ok;
        }));
        return new Command("calls", "Your calls.") { history };
    }

    private static object Row(CallHistoryEntry call) => new
    {
        Placed = call.PlacedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        call.Direction,
        Peer = call.PeerUpn,
        Result = call.EndReason,
        call.Mode,
        Duration = call.AnsweredAt is { } answered ? (call.EndedAt - answered).ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "",
        Missed = call.Missed ? "yes" : "",
    };
}
