using System.CommandLine;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Client.Media;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave call UPN</c>: places a one-to-one call, prints the state, whether it is end-to-end encrypted
/// (and why not), the security code, and a summary at the end.
/// </summary>
internal static class CallCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var upn = new Argument<string>("UPN") { Description = "Whom to call." };
        var media = new MediaOptions();
        var command = new Command("call", "Place a one-to-one call (end-to-end encrypted when policy and both people allow it).") { upn };
        media.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var settings = media.Read(result, environment, defaultDuration: TimeSpan.FromSeconds(10));
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            await using var client = await CallClient.ConnectAsync(session, settings.Client, cancellationToken);
            Call call;
            try
            {
                call = await client.PlaceAsync(result.GetValue(upn)!, cancellationToken);
            }
            catch (CallException e)
            {
                if (e.E2ee is { } verdict)
                    CallReport.PrintE2ee(environment.Out, verdict);
                environment.Error.WriteLine($"{e.Code}: {e.Detail ?? e.Message}");
                return ExitCodes.Refused;
            }

            environment.Out.WriteLine("State: Ringing");
            CallReport.PrintE2ee(environment.Out, call.E2ee);
            var outcome = await Task.WhenAny(call.Connected, call.Ended);
            if (outcome == call.Ended || call.Phase == CallPhase.Ended)
            {
                environment.Out.WriteLine($"State: Ended ({await call.Ended})");
                return ExitCodes.Refused;
            }

            return await CallReport.RunConnectedAsync(environment, call, settings.Duration, settings.ExpectTone, cancellationToken);
        }));
        return command;
    }
}

/// <summary>The media options of <c>call</c> and <c>answer</c>.</summary>
internal sealed class MediaOptions
{
    public Option<string> Duration { get; } = new("--duration") { Description = "Hang up after this long (e.g. 10s); default 10s for call, until the caller hangs up for answer.", HelpName = "TIME" };

    public Option<double> Tone { get; } = new("--tone") { Description = "Send a sine tone at this frequency (Hz). Default 440.", HelpName = "HZ", DefaultValueFactory = _ => MediaEndpointOptions.DefaultToneFrequency };

    public Option<string> Wav { get; } = new("--wav") { Description = "Send this 8 kHz 16-bit mono WAV file instead of a tone.", HelpName = "FILE" };

    public Option<double> ExpectTone { get; } = new("--expect-tone") { Description = "Report whether the peer's audio holds this tone (Hz). Default 440.", HelpName = "HZ", DefaultValueFactory = _ => MediaEndpointOptions.DefaultToneFrequency };

    public Option<string> Interface { get; } = new("--interface") { Description = "Gather host candidates on this local address only (e.g. 127.0.0.1).", HelpName = "ADDRESS" };

    public Option<bool> RelayOnly { get; } = new("--relay-only") { Description = "Send media only through the TURN relay the server hands out." };

    public void AddTo(Command command)
    {
        command.Options.Add(Duration);
        command.Options.Add(Tone);
        command.Options.Add(Wav);
        command.Options.Add(ExpectTone);
        command.Options.Add(Interface);
        command.Options.Add(RelayOnly);
    }

    public (CallClientOptions Client, TimeSpan? Duration, double ExpectTone) Read(ParseResult result, CliEnvironment environment, TimeSpan? defaultDuration = null)
    {
        var tone = result.GetValue(Tone);
        if (tone is <= 0 or >= 4000)
            throw new UsageException("--tone must lie between 0 and 4000 Hz (PCMU samples at 8 kHz).");
        var duration = result.GetValue(Duration) is { } text ? CallReport.ParseDuration(text) : defaultDuration;
        return (CallReport.Options(result.GetValue(Wav), tone, result.GetValue(Interface), result.GetValue(RelayOnly), environment.Time), duration, result.GetValue(ExpectTone));
    }
}
