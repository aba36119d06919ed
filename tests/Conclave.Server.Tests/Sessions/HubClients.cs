using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Conclave.Server.Tests.Sessions;

/// <summary>A bare SignalR connection to one of the hubs (the call hub unless named) with an access token, over WebSockets, as the browser page connects.</summary>
internal static class HubClients
{
    public static HubConnection Build(TestHost server, string accessToken, string path = "/hubs/calls")
    {
        bool Pinned(System.Security.Cryptography.X509Certificates.X509Certificate? cert) =>
            cert is not null && cert.GetCertHashString(HashAlgorithmName.SHA256) == server.Fingerprint;
        return new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, path), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                o.HttpMessageHandlerFactory = handler =>
                {
                    if (handler is HttpClientHandler http)
                    {
                        http.ServerCertificateCustomValidationCallback = (_, cert, _, _) => Pinned(cert);
                    }

                    return handler;
                };
                o.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, cert, _, _) => Pinned(cert);
            })
            .Build();
    }
}
