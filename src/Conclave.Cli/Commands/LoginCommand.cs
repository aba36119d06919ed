using System.CommandLine;
using Conclave.Cli.Output;
using Conclave.Cli.Terminal;
using Conclave.Client.Auth;

namespace Conclave.Cli.Commands;

/// <summary>
/// <c>conclave login</c>: establishes trust in the server's certificate (pinned on first use, or a CA file),
/// signs in with the device authorization grant or, for scripts, the password grant, and stores the tokens
/// in the profile.
/// </summary>
internal static class LoginCommand
{
    public static Command Create(CliEnvironment environment, GlobalOptions global)
    {
        var server = new Option<string>("--server") { Description = "The server's URL, e.g. https://127.0.0.1:8443 (default: the profile's).", HelpName = "URL" };
        var user = new Option<string>("--user") { Description = "Your user principal name; needed with --password-stdin.", HelpName = "UPN" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of stdin instead of using a device code." };
        var totp = new Option<string>("--totp") { Description = "The current 6-digit code of your authenticator (with --password-stdin).", HelpName = "CODE" };
        var recovery = new Option<string>("--recovery-code") { Description = "A one-time recovery code instead of --totp.", HelpName = "CODE" };
        var ca = new Option<string>("--ca") { Description = "Trust the server through this PEM CA file instead of pinning its certificate.", HelpName = "FILE" };
        var trustFingerprint = new Option<string>("--trust-fingerprint")
        {
            Description = "Pin this SHA-256 certificate fingerprint (replaces a previous pin, e.g. after the server's certificate changed).",
            HelpName = "SHA256",
        };
        var command = new Command("login", "Sign in to a Conclave server (device code by default) and store the tokens in the profile.")
        {
            server, user, passwordStdin, totp, recovery, ca, trustFingerprint,
        };
        command.SetAction((result, cancellationToken) => CommandRunner.RunAsync(environment, async () =>
        {
            var name = global.ProfileName(result);
            var store = new ProfileStore(environment.ConfigDirectory);
            var existing = store.Load(name);
            var endpoint = ResolveEndpoint(result.GetValue(server), result.GetValue(ca), result.GetValue(trustFingerprint), existing, name);
            var request = new LoginRequest(
                result.GetValue(user),
                result.GetValue(passwordStdin),
                result.GetValue(totp),
                result.GetValue(recovery));
            if (request.PasswordFromStdin && string.IsNullOrWhiteSpace(request.Upn))
                throw new UsageException("--password-stdin needs --user UPN.");
            if (!request.PasswordFromStdin && (request.Totp is not null || request.RecoveryCode is not null))
                throw new UsageException("--totp and --recovery-code go with --password-stdin; a device-code login asks for them in the browser.");
            if (result.GetValue(ca) is not null && result.GetValue(trustFingerprint) is not null)
                throw new UsageException("Give either --ca or --trust-fingerprint, not both.");

            using var connection = new ConclaveConnection(endpoint);
            await connection.ProbeAsync(cancellationToken);
            var pin = endpoint.Trust.CaFile is null ? endpoint.Trust.PinnedFingerprint ?? connection.PresentedFingerprint : null;
            if (endpoint.Trust.IsFirstUse)
            {
                // Trust on first use is only as good as this comparison: the server prints its fingerprint at start.
                environment.Error.WriteLine($"Server certificate SHA-256 fingerprint: {pin}");
                environment.Error.WriteLine(
                    "Compare it with the 'TLS certificate SHA-256 fingerprint' the server printed when it started; " +
                    "if they differ, stop now (Ctrl+C): the connection may be intercepted.");
            }

            var flow = new LoginFlow(environment, new Prompter(environment), connection);
            var tokens = await flow.SignInAsync(request, cancellationToken);
            var profile = new Profile
            {
                Name = name,
                ServerUrl = endpoint.BaseAddress.ToString(),
                CertificateSha256 = pin?.ToString(),
                CaFile = endpoint.Trust.CaFile is { } file ? Path.GetFullPath(file) : null,
                Upn = request.Upn,
            }.WithTokens(tokens);
            store.Save(profile);
            // Said only now that the profile holds it: a sign-in that failed above saved nothing.
            if (pin is not null && !string.Equals(pin.ToString(), existing?.CertificateSha256, StringComparison.OrdinalIgnoreCase))
            {
                environment.Error.WriteLine(endpoint.Trust.IsFirstUse
                    ? $"Pinned on first use for profile '{name}': later connections must present this certificate."
                    : $"Pinned the fingerprint {pin} for profile '{name}': later connections must present this certificate.");
            }

            using var session = ConclaveSession.OpenProfile(new ProfileStore(environment.ConfigDirectory), name, environment.Time);
            var me = await session.Api.GetMeAsync(cancellationToken);
            store.Save((store.Load(name) ?? profile) with { Upn = me.Upn });
            environment.Error.WriteLine($"Signed in to {endpoint.BaseAddress} as {me.Upn} (profile '{name}').");
            new ResultWriter(environment, global.Format(result)).Write(me, ["upn", "displayName", "kind", "roles", "mfaEnabled", "id"]);
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static ServerEndpoint ResolveEndpoint(string? server, string? caFile, string? fingerprint, Profile? existing, string name)
    {
        var url = server ?? existing?.ServerUrl ?? throw new UsageException($"Profile '{name}' has no server yet: give --server URL.");
        if (!ServerEndpoint.TryParseAddress(url, out var address))
            throw new UsageException($"'{url}' is not an https:// server URL.");
        if (caFile is not null)
        {
            return File.Exists(caFile)
                ? new ServerEndpoint(address!, ServerTrust.FromCaFile(caFile))
                : throw new UsageException($"The CA file '{caFile}' does not exist.");
        }
        if (fingerprint is not null)
        {
            return CertificateFingerprint.TryParse(fingerprint, out var pin)
                ? new ServerEndpoint(address!, ServerTrust.Pinned(pin!))
                : throw new UsageException($"'{fingerprint}' is not a SHA-256 fingerprint (64 hex digits, colons allowed).");
        }
        // The same server keeps its pin or CA; a different server starts over with trust on first use.
        if (existing is not null && ServerEndpoint.TryParseAddress(existing.ServerUrl, out var previous) && previous == address)
            return existing.ToEndpoint();
        return new ServerEndpoint(address!, ServerTrust.FirstUse);
    }
}

internal sealed record LoginRequest(string? Upn, bool PasswordFromStdin, string? Totp, string? RecoveryCode);
