using System.Net;
using System.Text.Json;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Security;

/// <summary>A market whose default rates are a few requests per minute, so a test can go beyond them.</summary>
public sealed class LowRateMarketFixture() : MarketFixture(new Dictionary<string, string?>
{
    ["ApiLimits:PublisherRequestsPerMinute"] = LowRateMarketFixture.PublisherRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
    ["ApiLimits:BuyerRequestsPerMinute"] = LowRateMarketFixture.BuyerRate.ToString(System.Globalization.CultureInfo.InvariantCulture),
})
{
    public const int PublisherRate = 3;
    public const int BuyerRate = 5;
}

/// <summary>
/// Per-source limits on /api/v1: each key has its own bucket of its rate. Every test uses keys of its own, so the
/// buckets of one test do not touch another's. (The refill is one token per 12 s or slower here.)
/// </summary>
public sealed class ApiRateLimitTests(LowRateMarketFixture market) : IClassFixture<LowRateMarketFixture>
{
    private MarketApplication App => market.App;

    private ApiKeyService Keys => App.Services.GetRequiredService<ApiKeyService>();

    [Fact]
    public async Task Beyond_its_rate_a_publishers_key_answers_429_with_retry_after()
    {
        var key = await NewKeyAsync("publisher1");
        using var client = App.ApiClientWithKey(key.Secret);

        for (var i = 0; i < LowRateMarketFixture.PublisherRate; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetBatchAsync(client)).StatusCode);
        }

        var refused = await GetBatchAsync(client);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta is { TotalSeconds: >= 1 and <= 60 }, $"Retry-After was {refused.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Contains($"{LowRateMarketFixture.PublisherRate} requests per minute", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_key_of_the_same_publisher_is_not_affected()
    {
        var first = await NewKeyAsync("publisher2");
        var second = await NewKeyAsync("publisher2");
        using var flooding = App.ApiClientWithKey(first.Secret);
        using var quiet = App.ApiClientWithKey(second.Secret);
        for (var i = 0; i <= LowRateMarketFixture.PublisherRate; i++)
        {
            await GetBatchAsync(flooding);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetBatchAsync(flooding)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetBatchAsync(quiet)).StatusCode);
    }

    [Fact]
    public async Task A_higher_rate_configured_for_a_key_lets_more_requests_through()
    {
        const int rate = LowRateMarketFixture.PublisherRate * 2;
        var key = await NewKeyAsync("publisher1");
        Assert.True((await Keys.SetRequestsPerMinuteAsync(key.Key.Id, rate)).Ok);
        using var client = App.ApiClientWithKey(key.Secret);

        for (var i = 0; i < rate; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await GetBatchAsync(client)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await GetBatchAsync(client)).StatusCode);
    }

    [Fact]
    public async Task A_buyers_key_gets_the_buyers_default_rate()
    {
        var key = await NewKeyAsync("buyer1");
        using var client = App.ApiClientWithKey(key.Secret);

        for (var i = 0; i < LowRateMarketFixture.BuyerRate; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/v1/rooms")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("api/v1/rooms")).StatusCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(ApiKeyService.MaxRequestsPerMinute + 1)]
    public async Task A_rate_out_of_bounds_is_refused_with_a_reason(int rate)
    {
        var key = await NewKeyAsync("publisher1");

        var result = await Keys.SetRequestsPerMinuteAsync(key.Key.Id, rate);

        Assert.False(result.Ok);
        Assert.Contains("requests per minute", result.Error);
        Assert.Null((await Keys.FindAsync(key.Secret))!.RequestsPerMinute);
    }

    private async Task<CreatedApiKey> NewKeyAsync(string account) =>
        await Keys.CreateAsync(await App.UserIdAsync(account), "rate test " + Guid.NewGuid().ToString("N")[..8]);

    private static Task<HttpResponseMessage> GetBatchAsync(HttpClient client) => client.GetAsync($"api/v1/batches/{Guid.NewGuid()}");
}
