using System.Globalization;
using System.Net;
using Conclave.Client.Calls;
using Conclave.Client.Media;
using Conclave.Contracts.Calls;

namespace Conclave.Cli.Commands;

/// <summary>What <c>call</c> and <c>answer</c> share: their media options, the live lines and the closing summary.</summary>
internal static class CallReport
{
    /// <summary>A standard call's media is encrypted to the server's media processor, which forwards it: no security code.</summary>
    public const string StandardEncryption = "Encrypted: yes (standard, through the server)";

    /// <summary>Exit status of a call that connected: E2EE with its code, or standard with media up through the server.</summary>
    public static bool Succeeded(Call call) =>
        call.E2ee.EndToEnd ? call.SecurityCode is not null : call.MediaReady.IsCompletedSuccessfully;

    public static CallClientOptions Options(string? wav, double tone, string? interfaceAddress, bool relayOnly, TimeProvider time)
    {
        IAudioSource? source = null;
        if (wav is not null)
        {
            if (!WavSource.TryLoad(File.ReadAllBytes(wav), out var loaded))
                throw new UsageException($"'{wav}' is not an 8 kHz 16-bit mono PCM WAV file.");
            source = loaded;
        }

        Func<IPAddress, bool> filter = static _ => true;
        if (interfaceAddress is not null)
        {
            if (!IPAddress.TryParse(interfaceAddress, out var only))
                throw new UsageException($"'{interfaceAddress}' is not an IP address.");
            filter = address => address.Equals(only);
        }

        return new CallClientOptions
        {
            DeviceName = "cli-" + Environment.MachineName,
            ToneFrequency = tone,
            AudioSource = source,
            AddressFilter = filter,
            RelayOnly = relayOnly,
            TimeProvider = time,
        };
    }

    /// <summary>"10s", "500ms", "2m" or plain seconds.</summary>
    public static TimeSpan ParseDuration(string text)
    {
        var value = text.Trim();
        (string number, double scale) = value switch
        {
            _ when value.EndsWith("ms", StringComparison.Ordinal) => (value[..^2], 0.001),
            _ when value.EndsWith('s') => (value[..^1], 1.0),
            _ when value.EndsWith('m') => (value[..^1], 60.0),
            _ => (value, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) || amount <= 0 || amount * scale > TimeSpan.FromDays(1).TotalSeconds)
            throw new UsageException($"'{text}' is not a duration (e.g. 10s, 500ms, 2m).");
        return TimeSpan.FromSeconds(amount * scale);
    }

    /// <summary>The reasons are sentences ending in a full stop; joined with "; " they lose it, so no ".;" appears.</summary>
    public static void PrintE2ee(TextWriter output, E2eeInfo e2ee)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(e2ee);
        output.WriteLine(e2ee.EndToEnd ? "E2EE: yes" : $"E2EE: no ({string.Join("; ", e2ee.Reasons.Select(r => $"{r.Code}: {r.Message.TrimEnd().TrimEnd('.')}"))})");
    }

    /// <summary>
    /// The connected part that <c>call</c> and <c>answer</c> share: prints the state and the final E2EE verdict,
    /// runs the media, prints the summary and returns the exit code.
    /// </summary>
    public static async Task<int> RunConnectedAsync(CliEnvironment environment, Call call, TimeSpan? duration, double expectTone, CancellationToken cancellationToken)
    {
        environment.Out.WriteLine("State: Connected");
        PrintE2ee(environment.Out, call.E2ee);
        var tone = await RunMediaAsync(environment, call, duration, expectTone, cancellationToken);
        environment.Out.WriteLine("State: Ended");
        PrintSummary(environment.Out, call, tone, expectTone);
        return Succeeded(call) ? ExitCodes.Ok : ExitCodes.Refused;
    }

    /// <summary>Runs the media until <paramref name="duration"/> passes or the peer hangs up, watching for the tone.</summary>
    public static async Task<bool> RunMediaAsync(CliEnvironment environment, Call call, TimeSpan? duration, double expectTone, CancellationToken cancellationToken)
    {
        try
        {
            await call.MediaReady.WaitAsync(cancellationToken);
        }
        catch (CallException e) when (call.Phase != CallPhase.Ended)
        {
            environment.Error.WriteLine($"{e.Code}: {e.Detail ?? e.Message}");
            await call.HangUpAsync(cancellationToken);
            return false;
        }
        catch (CallException)
        {
            return false;
        }

        if (call.E2ee.EndToEnd)
        {
            environment.Out.WriteLine($"Security code: {call.SecurityCode}");
            environment.Out.WriteLine("Compare this code with the other person: the same code on both sides means no one is in between.");
        }
        else
        {
            environment.Out.WriteLine(StandardEncryption);
        }

        var toneSeen = false;
        var started = environment.Time.GetTimestamp();
        using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100), environment.Time);
        while (call.Phase != CallPhase.Ended && (duration is null || environment.Time.GetElapsedTime(started) < duration))
        {
            toneSeen |= call.ToneDetected(expectTone);
            await Task.WhenAny(tick.WaitForNextTickAsync(cancellationToken).AsTask(), call.Ended);
            cancellationToken.ThrowIfCancellationRequested();
        }

        toneSeen |= call.ToneDetected(expectTone);
        if (call.Phase != CallPhase.Ended)
            await call.HangUpAsync(cancellationToken);
        return toneSeen;
    }

    public static void PrintSummary(TextWriter output, Call call, bool toneSeen, double expectTone)
    {
        var stats = call.Statistics;
        output.WriteLine("Summary:");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  duration: {call.Duration.TotalSeconds:0.0} s"));
        if (stats is not null)
        {
            var expected = stats.PacketsReceived + Math.Max(0, stats.PacketsLost);
            var loss = expected == 0 ? 0 : 100.0 * Math.Max(0, stats.PacketsLost) / expected;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  packets sent: {stats.PacketsSent}, received: {stats.PacketsReceived}, lost: {Math.Max(0, stats.PacketsLost)} ({loss:0.0} %)"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  jitter: {stats.JitterMilliseconds:0.00} ms"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  tone detected ({expectTone:0} Hz): {(toneSeen ? "yes" : "no")}"));
        output.WriteLine($"  E2EE: {(call.E2ee.EndToEnd ? "yes" : "no")}");
        if (call.E2ee.EndToEnd)
            output.WriteLine($"  security code: {call.SecurityCode ?? "none"}");
        else if (call.MediaReady.IsCompletedSuccessfully)
            output.WriteLine("  " + StandardEncryption);
        output.WriteLine($"  ended: {(call.Ended.IsCompletedSuccessfully ? call.Ended.Result : "HungUp")}");
    }
}
