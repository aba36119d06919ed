using System.Globalization;
using System.Security.Cryptography;
using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Contracts.Errors;
using Conclave.Server.Tests.Fixtures;
using Microsoft.Extensions.Logging;

namespace Conclave.Server.Tests.Observability;

/// <summary>The client SDK logs its sign-in, refresh and call events to the logger it is given, with ids and codes and no secret.</summary>
public sealed class ClientSdkLogTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Password = "member-password-123";

    [Fact]
    public async Task SignInRefreshAndCall_AreLoggedWithTheirEventIds_WithoutPasswordOrTokens()
    {
        var logs = new CapturedLogs();
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var callerUpn = await server.CreateUserAsync(ServerFixture.UniqueName("alice"), Password);
        var calleeUpn = await server.CreateUserAsync(ServerFixture.UniqueName("bob"), Password);
        var fingerprint = string.Join(':', server.Server.Certificate.GetCertHash(HashAlgorithmName.SHA256).Select(b => b.ToString("X2", CultureInfo.InvariantCulture)));
        Assert.True(CertificateFingerprint.TryParse(fingerprint, out var pin));
        var endpoint = new ServerEndpoint(server.BaseAddress, ServerTrust.Pinned(pin!));

        using var session = await ConclaveSession.SignInWithPasswordAsync(endpoint, callerUpn, Password, null, TimeProvider.System, loggers, CancellationToken.None);
        var first = session.Tokens.Current;
        await session.Tokens.GetAccessTokenAsync(forceRefresh: true, CancellationToken.None);
        var refreshed = session.Tokens.Current;
        await Assert.ThrowsAsync<OAuthException>(() =>
            ConclaveSession.SignInWithPasswordAsync(endpoint, calleeUpn, "not-" + Password, null, TimeProvider.System, loggers, CancellationToken.None));

        await using (var caller = await CallClient.ConnectAsync(session, new CallClientOptions { DeviceName = "sdk", LoggerFactory = loggers }, CancellationToken.None))
        {
            await Assert.ThrowsAsync<CallException>(() => caller.PlaceAsync(caller.Device.Upn!, CancellationToken.None));
        }

        Assert.Contains(logs.Lines, l => l.Contains("Signed in (password)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Signed in (refresh_token)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Token request (password) refused with 400: invalid_grant", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("Access token refreshed (forced True)", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("registered", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains($"Call refused ({ErrorCodes.Call.Self})", StringComparison.Ordinal));
        string[] secrets = [Password, "not-" + Password, first.AccessToken, first.RefreshToken!, refreshed.AccessToken, refreshed.RefreshToken!];
        Assert.DoesNotContain(logs.Lines, l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal)));
    }
}
