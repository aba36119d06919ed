using Conclave.Server.Http;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Chat;

/// <summary>
/// SignalR's user id for a hub connection: the account id (the token's subject) of a signed-in person, so that
/// <c>Clients.Users(memberIds)</c> reaches every device of each member. SignalR's default reads the NameIdentifier
/// claim, which Conclave's tokens do not carry. Apps never connect (the hubs require the user policy).
/// </summary>
public sealed class SubjectUserIdProvider : IUserIdProvider
{
    public string? GetUserId(HubConnectionContext connection) =>
        CallerIdentity.Of(connection.User) is { IsUser: true } caller ? caller.Subject : null;
}
