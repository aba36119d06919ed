using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Conclave.Server.Hosting;
using Microsoft.Extensions.Options;

namespace Conclave.Server.Throttling;

/// <summary>
/// Rate limits the sign-in surfaces (/connect/token, /account/login, /api/account/*) by client address,
/// by subnet and by the account named in the request, so neither one host, one network nor a
/// distributed guess at one account gets many tries. Refusals are 429 with Retry-After.
/// </summary>
public sealed partial class SignInThrottleMiddleware : IDisposable
{
    private readonly RequestDelegate _next;
    private readonly ILogger<SignInThrottleMiddleware> _logger;
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _bySubnet;
    private readonly PartitionedRateLimiter<string> _byAccount;
    private readonly TimeSpan _window;

    public SignInThrottleMiddleware(RequestDelegate next, IOptions<ThrottlingOptions> options, ILogger<SignInThrottleMiddleware> logger)
    {
        _next = next;
        _logger = logger;
        var o = options.Value;
        _window = o.Window;
        _byAddress = Create(o.PermitsPerAddress, o.Window);
        _bySubnet = Create(o.PermitsPerSubnet, o.Window);
        _byAccount = Create(o.PermitsPerAccount, o.Window);
    }

    public static bool Applies(PathString path) =>
        path.StartsWithSegments("/connect/token") || path.StartsWithSegments("/account/login") || path.StartsWithSegments("/api/account");

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !Applies(context.Request.Path))
        {
            await _next(context);
            return;
        }

        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var account = await ReadAccountAsync(context);
        var leases = new List<RateLimitLease>(3);
        try
        {
            var keys = new List<(PartitionedRateLimiter<string> Limiter, string Key)>
            {
                (_byAddress, ThrottleKeys.Address(address)),
                (_bySubnet, ThrottleKeys.Subnet(address)),
            };
            if (account is not null)
            {
                keys.Add((_byAccount, account));
            }

            foreach (var (limiter, key) in keys)
            {
                var lease = limiter.AttemptAcquire(key);
                leases.Add(lease);
                if (!lease.IsAcquired)
                {
                    var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : _window;
                    LogThrottled(_logger, context.Request.Path);
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await Results.Problem(
                        statusCode: StatusCodes.Status429TooManyRequests,
                        detail: "Too many attempts; retry later.",
                        extensions: new Dictionary<string, object?> { ["code"] = Problems.CodeForStatus(429) }).ExecuteAsync(context);
                    return;
                }
            }

            await _next(context);
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    public void Dispose()
    {
        _byAddress.Dispose();
        _bySubnet.Dispose();
        _byAccount.Dispose();
    }

    /// <summary>The account named in the body (form <c>username</c>/<c>upn</c> or JSON <c>upn</c>), lower-cased; the body stays readable.</summary>
    private static async Task<string?> ReadAccountAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(context.RequestAborted);
                string? name = form["username"];
                name ??= form["upn"];
                return Normalise(name);
            }

            if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true)
            {
                request.EnableBuffering();
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: context.RequestAborted);
                request.Body.Position = 0;
                return document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("upn", out var upn) && upn.ValueKind == JsonValueKind.String
                    ? Normalise(upn.GetString())
                    : null;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or BadHttpRequestException or IOException)
        {
            if (request.Body.CanSeek)
            {
                request.Body.Position = 0;
            }
        }

        return null;
    }

    private static string? Normalise(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim().ToLowerInvariant() is var n && n.Length <= 256 ? "acct:" + n : null;

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Throttled a request to {Path}")]
    private static partial void LogThrottled(ILogger logger, string path);
}
