using System.Net;
using System.Text.Json;
using System.Threading.RateLimiting;
using Conclave.Domain.Directory;
using Conclave.Server.Http;
using Conclave.Server.Identity;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Conclave.Server.Throttling;

/// <summary>
/// Rate limits the sign-in surfaces (/connect/token, /account/login and the first sign-in's steps, /api/account/*, and the device
/// flow's /connect/device and /connect/verify) by client address,
/// by subnet and by the account named in the request, so neither one host, one network nor a
/// distributed guess at one account gets many tries. Refusals are 429 with Retry-After.
/// </summary>
public sealed partial class SignInThrottleMiddleware : IDisposable
{
    private const string TokenPath = "/connect/token";
    private const string AccountApiPath = "/api/account";

    /// <summary>RFC 8628 §5.1/§5.2: device authorization requests and user-code entry must be rate limited (user codes are short).</summary>
    private const string DeviceAuthorizationPath = "/connect/device";

    private readonly RequestDelegate _next;
    private readonly ILogger<SignInThrottleMiddleware> _logger;
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly PartitionedRateLimiter<string> _bySubnet;
    private readonly PartitionedRateLimiter<string> _byAccount;
    private readonly TimeSpan _window;
    private readonly JsonOptions _json;

    public SignInThrottleMiddleware(
        RequestDelegate next, IOptions<ThrottlingOptions> options, IOptions<JsonOptions> json, ILogger<SignInThrottleMiddleware> logger)
    {
        _next = next;
        _logger = logger;
        _json = json.Value;
        var o = options.Value;
        _window = o.Window;
        _byAddress = Create(o.PermitsPerAddress, o.Window);
        _bySubnet = Create(o.PermitsPerSubnet, o.Window);
        _byAccount = Create(o.PermitsPerAccount, o.Window);
    }

    public static bool Applies(PathString path) =>
        path.StartsWithSegments(TokenPath) || path.StartsWithSegments(LoginPage.Path) || path.StartsWithSegments(FirstSignInSteps.Path)
        || path.StartsWithSegments(AccountApiPath)
        || path.StartsWithSegments(DeviceAuthorizationPath) || path.StartsWithSegments(Auth.VerifyEndpoint.Path);

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
                    ThrottlingLog.Throttled(_logger, context.Request.Path);
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

    /// <summary>
    /// The account the endpoint will look up, read from the body exactly as that endpoint reads it, so
    /// that no spelling of the request names one account to the limiter and another to the endpoint:
    /// the token endpoint's <c>username</c> as OpenIddict parses the form, the sign-in page's form
    /// field <c>upn</c>, and the account API's JSON <c>upn</c> bound with the same serializer options as
    /// the endpoint's own parameter (case-insensitive property names, last duplicate wins). The name is
    /// then normalised as the UPN look-up does (<see cref="Upn.Parse"/>: trimmed, lower-cased). The body
    /// stays readable for the endpoint.
    /// </summary>
    private async Task<string?> ReadAccountAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            string? name = null;
            if (request.Path.StartsWithSegments(TokenPath))
            {
                if (request.HasFormContentType)
                {
                    name = new OpenIddictRequest(await request.ReadFormAsync(context.RequestAborted)).Username;
                }
            }
            else if (request.Path.StartsWithSegments(LoginPage.Path))
            {
                if (request.HasFormContentType)
                {
                    name = (await request.ReadFormAsync(context.RequestAborted))["upn"];
                }
            }
            else if (request.HasJsonContentType())
            {
                request.EnableBuffering();
                var body = await JsonSerializer.DeserializeAsync<AccountNamed>(request.Body, _json.SerializerOptions, context.RequestAborted);
                request.Body.Position = 0;
                name = body?.Upn;
            }

            return Upn.Parse(name) is { IsSuccess: true } upn ? "acct:" + upn.Value.Value : null;
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

    /// <summary>The shape of the account endpoints' bodies as far as the account goes (a constructor parameter, as theirs).</summary>
    private sealed record AccountNamed(string? Upn);

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
