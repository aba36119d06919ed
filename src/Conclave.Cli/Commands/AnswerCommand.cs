using System.CommandLine;
using Conclave.Client.Auth;
using Conclave.Client.Calls;

namespace Conclave.Cli.Commands;

/// <summary><c>conclave answer</c>: waits for a call on this device, answers it (asking first unless <c>--auto</c>), and reports like <c>call</c>.</summary>
internal static class AnswerCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var auto = new Option<bool>("--auto") { Description = "Answer the first call without asking." };
        var wait = new Option<string>("--wait") { Description = "Give up when no call rings within this time (default 5m).", HelpName = "TIME" };
        var media = new MediaOptions();
        var command = new Command("answer", "Wait for a call and answer it.") { auto, wait };
        media.AddTo(command);
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var settings = media.Read(result, environment, defaultDuration: null);
            var waitFor = result.GetValue(wait) is { } text ? CallReport.ParseDuration(text) : TimeSpan.FromMinutes(5);
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            await using var client = await CallClient.ConnectAsync(session, settings.Client, cancellationToken);
            environment.Error.WriteLine($"Waiting for a call on device {client.Device.DeviceId} ({client.Device.Upn})…");
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            waiting.CancelAfter(waitFor);
            IncomingCall incoming;
            try
            {
                incoming = await client.WaitForIncomingAsync(waiting.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                environment.Error.WriteLine("No call rang.");
                return ExitCodes.Refused;
            }
            catch (CallException e)
            {
                environment.Error.WriteLine($"{e.Code}: {e.Detail ?? e.Message}");
                return ExitCodes.Unreachable;
            }

            environment.Out.WriteLine($"State: Ringing (from {incoming.CallerUpn})");
            CallReport.PrintE2ee(environment.Out, incoming.E2ee);
            if (!result.GetValue(auto))
            {
                environment.Error.Write($"Answer the call from {incoming.CallerUpn}? [y/N] ");
                var reply = await environment.In.ReadLineAsync(cancellationToken);
                if (reply?.Trim().StartsWith('y') != true)
                {
                    await client.DeclineAsync(incoming, cancellationToken);
                    environment.Out.WriteLine("State: Ended (Declined)");
                    return ExitCodes.Ok;
                }
            }

            Call call;
            try
            {
                call = await client.AnswerAsync(incoming, cancellationToken);
            }
            catch (CallException e)
            {
                environment.Error.WriteLine($"{e.Code}: {e.Detail ?? e.Message}");
                return ExitCodes.Refused;
            }

            return await CallReport.RunConnectedAsync(environment, call, settings.Duration, settings.ExpectTone, cancellationToken);
        }));
        return command;
    }
}
