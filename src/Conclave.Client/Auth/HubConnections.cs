using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Conclave.Client.Auth;

/// <summary>
/// A SignalR connection to one of the server's hubs with the session's access token and the server trust of its
/// connection (the pinned or trusted certificate, for negotiation and for the WebSocket alike).
/// </summary>
public static class HubConnections
{
    /// <param name="session">The signed-in session: its endpoint, trust and tokens.</param>
    /// <param name="path">The hub's path, relative to the server's base address (e.g. <c>hubs/calls</c>).</param>
    /// <param name="configure">More of the builder (automatic reconnection, logging).</param>
    public static HubConnection Create(ConclaveSession session, string path, Action<IHubConnectionBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(session);
        var validator = new CertificateValidator(session.Connection.Endpoint.Trust);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.Connection.Endpoint.BaseAddress, path.TrimStart('/')), o =>
            {
                o.AccessTokenProvider = async () => await session.Tokens.GetAccessTokenAsync(forceRefresh: false, CancellationToken.None);
                o.HttpMessageHandlerFactory = handler =>
                {
                    if (handler is HttpClientHandler http)
                    {
                        http.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) => validator.Validate(certificate, errors);
                    }

                    return handler;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, certificate, _, errors) => validator.Validate(certificate, errors);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        configure?.Invoke(builder);
        return builder.Build();
    }
}
