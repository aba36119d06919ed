using System.CommandLine;
using System.Text.Json;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary><c>conclave settings set e2ee-calls on|off</c> and <c>settings show</c>: the user's own switches (PUT/GET /api/me/e2ee-calls).</summary>
internal static class SettingsCommand
{
    private const string E2eeCalls = "e2ee-calls";

    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var name = new Argument<string>("NAME") { Description = "The setting: e2ee-calls." };
        name.AcceptOnlyFromAmong(E2eeCalls);
        var value = new Argument<string>("VALUE") { Description = "on or off." };
        value.AcceptOnlyFromAmong("on", "off");
        var set = new Command("set", "Change one of your settings, e.g. `settings set e2ee-calls on`.") { name, value };
        set.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            var setting = result.GetValue(value) == "on" ? "On" : "Off";
            var view = await session.Api.SendAsync<JsonElement>(HttpMethod.Put, "api/me/e2ee-calls", new { setting }, cancellationToken);
            Print(environment, view);
            return ExitCodes.Ok;
        }));
        var show = new Command("show", "Show your settings and what your organisation's policy allows.");
        show.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), global.ProfileName(result), environment.Time);
            Print(environment, await session.Api.SendAsync<JsonElement>(HttpMethod.Get, "api/me/e2ee-calls", null, cancellationToken));
            return ExitCodes.Ok;
        }));
        return new Command("settings", "Your own settings.") { set, show };
    }

    /// <summary>
    /// One line, naming the policy value as an administrator sets it (<c>CallingEndtoEndEncryptionEnabledType
    /// DisabledUserOverride</c>), not the server's reading of it.
    /// </summary>
    internal static void Print(CliEnvironment environment, JsonElement view)
    {
        var on = view.TryGetProperty("on", out var o) && o.ValueKind == JsonValueKind.True;
        var value = Text(view, "policyValue") is var v and not "?" ? v : Text(view, "mode");
        environment.Out.WriteLine(
            $"e2ee-calls: {(on ? "on" : "off")} (setting {Text(view, "setting")}, policy {Text(view, "policy")}: CallingEndtoEndEncryptionEnabledType {value}, reason {Text(view, "reason")})");
    }

    private static string Text(JsonElement view, string property) =>
        view.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : "?";
}
