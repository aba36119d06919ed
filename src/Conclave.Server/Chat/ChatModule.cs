using Conclave.Contracts.Chat;
using Microsoft.AspNetCore.SignalR;

namespace Conclave.Server.Chat;

/// <summary>Chats (docs/api.md, "Chat"): the REST API at <see cref="ChatEndpoints.Path"/> and the delivering hub at <see cref="ChatHubNames.Path"/>.</summary>
public static class ChatModule
{
    /// <summary>The chat services. SignalR itself is added by the calls module; this adds the account-id user mapping both hubs share.</summary>
    public static IServiceCollection AddConclaveChat(this IServiceCollection services)
    {
        services.AddSignalR();
        services.AddSingleton<IUserIdProvider, SubjectUserIdProvider>();
        services.AddSingleton<ChatNotifier>();
        services.AddScoped<ChatReader>();
        services.AddScoped<ChatService>();
        services.AddScoped<ChannelChats>();
        services.AddChatRateLimiting();
        return services;
    }

    /// <summary>Maps the chat API and hub (on a group that requires authorization).</summary>
    public static void MapConclaveChat(this IEndpointRouteBuilder app)
    {
        app.MapChatEndpoints();
        // A connection closes when its access token expires (the token was checked only when it opened), so a
        // disabled account stops receiving at the latest then.
        app.MapHub<ChatHub>(ChatHubNames.Path, o => o.CloseOnAuthenticationExpiration = true);
    }
}
