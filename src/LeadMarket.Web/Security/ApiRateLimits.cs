using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Accounts;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace LeadMarket.Web.Security;

/// <summary>The default rate of an API key that has none of its own (<see cref="ApiKey.RequestsPerMinute"/>).</summary>
public sealed class ApiLimitsOptions
{
    public const string Section = "ApiLimits";

    [Range(ApiKeyService.MinRequestsPerMinute, ApiKeyService.MaxRequestsPerMinute)]
    public int PublisherRequestsPerMinute { get; set; } = 600;

    [Range(ApiKeyService.MinRequestsPerMinute, ApiKeyService.MaxRequestsPerMinute)]
    public int BuyerRequestsPerMinute { get; set; } = 1200;
}

/// <summary>
/// Per-source limits on <c>/api/v1</c>: each API key has a token bucket of its rate (its own, else its role's
/// default), holding a minute's worth of requests and refilled evenly; beyond it the key answers 429 with
/// <c>Retry-After</c>. Requests with the sign-in cookie (the market's own pages) are not limited here.
/// The buckets live in this node's memory, so the limit is per node: behind a two-node market a key gets twice
/// its rate. A shared limit (Redis) comes with scale-out.
/// </summary>
public static class ApiRateLimits
{
    public const string Policy = "api-key";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddOptions<ApiLimitsOptions>().BindConfiguration(ApiLimitsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(Policy, Partition);
            o.OnRejected = RejectAsync;
        });
        return services;
    }

    /// <summary>The rate of the key <paramref name="context"/> was authenticated with, or null for a cookie sign-in (no key).</summary>
    public static int? RateOf(HttpContext context)
    {
        var user = context.User;
        if (ApiKeyAuthenticationHandler.KeyIdOf(user) is null)
        {
            return null;
        }

        var defaults = context.RequestServices.GetRequiredService<IOptionsMonitor<ApiLimitsOptions>>().CurrentValue;
        return ApiKeyClaims.RequestsPerMinuteOf(user)
            ?? (user.IsInRole(Roles.Publisher) ? defaults.PublisherRequestsPerMinute : defaults.BuyerRequestsPerMinute);
    }

    // The rate is part of the partition's key: a key whose rate an admin changed gets a new bucket at once.
    private static RateLimitPartition<(Guid KeyId, int Rate)> Partition(HttpContext context)
    {
        if (ApiKeyAuthenticationHandler.KeyIdOf(context.User) is not { } keyId || RateOf(context) is not { } rate)
        {
            return RateLimitPartition.GetNoLimiter((Guid.Empty, 0));
        }

        // Refilled in whole tokens at a steady pace: ceil(rate / 60) tokens per period, so the period is at least a
        // second (the partitioned limiter replenishes on a 100 ms heartbeat) and the rate comes out exact.
        var tokensPerPeriod = (rate + 59) / 60;
        var period = TimeSpan.FromTicks(TimeSpan.TicksPerMinute * tokensPerPeriod / rate);
        return RateLimitPartition.GetTokenBucketLimiter((keyId, rate), _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = rate,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken ct)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests for this API key.",
            detail: $"This key may send {RateOf(context)} requests per minute. Try again in {seconds} seconds.").ExecuteAsync(context);
    }
}
