using System.Net.Sockets;
using System.Security.Authentication;
using Conclave.Client.Api;

namespace Conclave.Client.Auth;

/// <summary>
/// An HTTPS connection to one Conclave server that enforces the endpoint's <see cref="ServerTrust"/> on every
/// handshake. Failures to reach the server surface as <see cref="ServerUnreachableException"/> (or its
/// <see cref="CertificatePinMismatchException"/>), never as raw socket or TLS exceptions.
/// </summary>
public sealed class ConclaveConnection : IDisposable
{
    /// <summary>Default time for one request, connect included.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly CertificateValidator _validator;
    private readonly HttpClient _http;

    public ConclaveConnection(ServerEndpoint endpoint, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        Endpoint = endpoint;
        _validator = new CertificateValidator(endpoint.Trust);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = timeout ?? DefaultTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
        };
        handler.SslOptions.EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => _validator.Validate(certificate, errors);
        _http = new HttpClient(handler) { BaseAddress = endpoint.BaseAddress, Timeout = timeout ?? DefaultTimeout };
    }

    public ServerEndpoint Endpoint { get; }

    /// <summary>The fingerprint of the certificate the server presented on the last handshake (null before one).</summary>
    public CertificateFingerprint? PresentedFingerprint => _validator.Presented;

    /// <summary>Sends a request; wraps transport failures into <see cref="ServerUnreachableException"/>.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);

    /// <summary>Sends <paramref name="request"/>; with <see cref="HttpCompletionOption.ResponseHeadersRead"/> the answer's body is left to stream.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw Explain(ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServerUnreachableException($"{Endpoint.BaseAddress} did not answer within {_http.Timeout.TotalSeconds:0} s.", ex);
        }
    }

    /// <summary>Opens a connection and checks <c>/healthz</c>: proves reachability and records the presented certificate.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "healthz");
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new ServerUnreachableException($"{Endpoint.BaseAddress} answered /healthz with {(int)response.StatusCode}; is it a Conclave server?");
    }

    /// <summary>Posts a JSON body (web naming) to a path relative to the server.</summary>
    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = ConclaveJson.Content(body) };
        return SendAndDisposeAsync(request, cancellationToken);
    }

    /// <summary>Posts an <c>application/x-www-form-urlencoded</c> body, as OAuth endpoints expect.</summary>
    public Task<HttpResponseMessage> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        return SendAndDisposeAsync(request, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAndDisposeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
            return await SendAsync(request, cancellationToken);
    }

    private ServerUnreachableException Explain(HttpRequestException ex)
    {
        var server = Endpoint.BaseAddress.GetLeftPart(UriPartial.Authority);
        if (ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException)
        {
            return _validator.LastRefusal switch
            {
                CertificateRefusal.PinMismatch => new CertificatePinMismatchException(Endpoint.Trust.PinnedFingerprint!, _validator.Presented, ex),
                CertificateRefusal.UntrustedChain => new ServerUnreachableException(
                    $"The certificate of {server} ({_validator.Presented}) does not chain to the CA in '{Endpoint.Trust.CaFile}' or does not name this host.", ex),
                _ => new ServerUnreachableException($"TLS with {server} failed: {ex.Message}", ex),
            };
        }
        if (ex.InnerException is SocketException socket)
            return new ServerUnreachableException($"Cannot reach {server}: {socket.Message}", ex);
        return new ServerUnreachableException($"Cannot reach {server}: {ex.Message}", ex);
    }
}
