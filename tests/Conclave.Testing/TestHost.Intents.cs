using Conclave.Client.Auth;
using Conclave.Client.Calls;
using Conclave.Domain.Common;
using Conclave.Domain.Policies;
using Conclave.Server.Directory;
using Conclave.Server.Policies;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Testing;

/// <summary>
/// The intent methods that go past plain HTTP: the .NET SDK's sign-in, the call hub, people with call
/// devices, and set-up straight in the server's stores where the admin API is not what a test is about.
/// </summary>
public partial class TestHost
{
    /// <summary>Signs in with the password grant through the .NET SDK, as the CLI and apps do.</summary>
    public Task<ConclaveSession> SignInSessionAsync(string upn, string password, string? totp = null) =>
        ConclaveSession.SignInWithPasswordAsync(Endpoint, upn, password, totp, TimeProvider.System, CancellationToken.None);

    /// <summary>A bare call-hub connection with <paramref name="session"/>'s token, the certificate pinned.</summary>
    public async Task<HubConnection> ConnectHubAsync(ConclaveSession session)
    {
        var pinned = Server.Certificate.GetCertHashString();
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(BaseAddress, CallClient.HubPath), o =>
            {
                o.AccessTokenProvider = async () => await session.Tokens.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
                o.HttpMessageHandlerFactory = h =>
                {
                    ((HttpClientHandler)h).ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
                    return h;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == pinned;
            })
            .Build();
        await hub.StartAsync(CancellationToken.None).Within();
        return hub;
    }

    /// <summary>A person signed in through the SDK with one call device per option set (one "laptop" when none).</summary>
    public Task<Person> SignInPersonAsync(string upn, string password, params CallClientOptions[] devices) =>
        Person.SignInAsync(this, upn, password, devices);

    /// <summary>
    /// A directory user made straight in the store (no admin sign-in, no password change due), for tests about
    /// something else than user administration. Returns the UPN and the user's id; the display name defaults to
    /// <paramref name="localPart"/>.
    /// </summary>
    public async Task<(string Upn, Guid Id)> CreateMemberAsync(string localPart, string password, string? displayName = null)
    {
        var upn = $"{localPart}@{Domain}";
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConclaveUser>>();
        var user = new ConclaveUser { UserName = upn, Email = upn, DisplayName = displayName ?? localPart, CreatedAt = TimeProvider.System.GetUtcNow(), LockoutEnabled = true };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return (upn, Guid.Parse(user.Id));
    }

    /// <summary>Applies one policy change as the system (set-up, not the admin API) and asserts it was accepted.</summary>
    public async Task<PolicyChange> SetPolicyAsync(Func<PolicyDirectory, Result<PolicyChange>> change)
    {
        var result = await Services.GetRequiredService<PolicyService>().ChangeAsync(change, CancellationToken.None);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value;
    }
}
