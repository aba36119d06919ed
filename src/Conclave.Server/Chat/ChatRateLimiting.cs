using System.Globalization;
using System.Threading.RateLimiting;
using Conclave.Server.Hosting;
using Conclave.Server.Http;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Conclave.Server.Chat;

/// <summary>
/// The rate limit on chat changes, per account (<see cref="ChatRateLimitOptions"/>), with ASP.NET Core's rate limiter:
/// endpoints opt in with <c>RequireRateLimiting(<see cref="Policy"/>)</c>. It runs after authorization, so only a
/// signed-in caller's requests count, each against their own bucket.
/// </summary>
public static class ChatRateLimiting
{
    public const string Policy = "ChatChanges";

    public static IServiceCollection AddChatRateLimiting(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChatRateLimitOptions>(ChatRateLimitOptions.Section);
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, context =>
            {
                var options = context.RequestServices.GetRequiredService<IOptions<ChatRateLimitOptions>>().Value;
                var account = context.User.GetClaim(OpenIddictConstants.Claims.Subject) ?? "";
                return RateLimitPartition.GetTokenBucketLimiter(account, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Burst,
                    TokensPerPeriod = options.WritesPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    detail: $"Too many changes to chats in a short time; retry in {seconds} s.",
                    extensions: new Dictionary<string, object?> { ["code"] = Problems.CodeForStatus(StatusCodes.Status429TooManyRequests) })
                    .ExecuteAsync(context.HttpContext);
            };
        });
        return services;
    }
}
