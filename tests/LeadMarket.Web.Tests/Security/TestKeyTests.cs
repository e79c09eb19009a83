using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Testing;
using LeadMarket.Web.Hubs;
using LeadMarket.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Security;

/// <summary>Test (sandbox) keys: marked by a claim, and a buyer's test key can neither bid nor open the hub.</summary>
public sealed class TestKeyTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private MarketApplication App => market.App;

    [Fact]
    public async Task A_test_key_signs_in_with_the_test_key_claim_and_a_live_key_without_it()
    {
        var test = await AuthenticateAsync(TestAccounts.Publisher1.SandboxApiKey);
        var live = await AuthenticateAsync(TestAccounts.Publisher1.ApiKey);

        Assert.Equal("true", test.FindFirst(ApiKeyClaims.TestKey)?.Value);
        Assert.Equal("lm:test-key", ApiKeyClaims.TestKey);
        Assert.Null(live.FindFirst(ApiKeyClaims.TestKey));
        Assert.Equal(test.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, live.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value);
    }

    [Fact]
    public async Task A_created_test_key_starts_with_lmt_and_is_listed_as_a_test_key()
    {
        var keys = App.Services.GetRequiredService<ApiKeyService>();
        var userId = await App.UserIdAsync("publisher2");

        var test = await keys.CreateAsync(userId, "Staging", isTest: true);
        var live = await keys.CreateAsync(userId, "Production");

        Assert.StartsWith(ApiKeyService.TestKeyPrefix, test.Secret);
        Assert.StartsWith(ApiKeyService.LiveKeyPrefix, live.Secret);
        var listed = await keys.ListAsync(userId);
        Assert.True(listed.Single(k => k.Id == test.Key.Id).IsTest);
        Assert.False(listed.Single(k => k.Id == live.Key.Id).IsTest);
        Assert.True((await keys.FindAsync(test.Secret))!.IsTest);
    }

    [Fact]
    public async Task A_buyers_test_key_cannot_bid_over_rest_and_no_bid_is_stored()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 10m);
        using var client = App.ApiClientWithKey(TestAccounts.Buyer1.SandboxApiKey);
        var clientBidId = "sandbox-" + Guid.NewGuid().ToString("N");

        var response = await client.PostAsJsonAsync("api/v1/bids", new PlaceBidRequest(lot.LotId, 10m, null, clientBidId));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Test keys cannot bid.", problem.RootElement.GetProperty("title").GetString());
        await using var db = App.Db();
        Assert.False(await db.Bids.AnyAsync(b => b.LotId == lot.LotId));
    }

    [Fact]
    public async Task The_same_buyers_live_key_can_bid()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 10m);
        using var client = App.ApiClient("buyer2");

        var response = await client.PostAsJsonAsync("api/v1/bids", new PlaceBidRequest(lot.LotId, 10m, null, "live-" + Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_test_key_reads_the_rooms_as_a_live_key_does()
    {
        using var client = App.ApiClientWithKey(TestAccounts.Buyer3.SandboxApiKey);

        var response = await client.GetAsync("api/v1/rooms");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_hub_refuses_a_connection_with_a_buyers_test_key()
    {
        await using var connection = App.HubConnectionWithKey(TestAccounts.Buyer1.SandboxApiKey);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    private async Task<System.Security.Claims.ClaimsPrincipal> AuthenticateAsync(string key)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Path = "/api/v1/rooms";
        context.Request.Headers[ApiKeyAuthenticationHandler.Header] = key;
        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName);
        Assert.True(result.Succeeded, result.Failure?.Message);
        return result.Principal!;
    }
}

/// <summary>Demo mode seeds a sandbox key <c>demo-test-key-&lt;local part&gt;</c> beside each demo key (DESIGN §6).</summary>
public sealed class DemoSandboxKeyTests
{
    [Fact]
    public async Task Every_demo_account_has_a_test_key_beside_its_live_key()
    {
        await using var app = new MarketApplication(demo: true);
        _ = app.ServerAddress;
        var keys = app.Services.GetRequiredService<ApiKeyService>();

        foreach (var email in MarketSeeder.DemoBuyers.Concat(MarketSeeder.DemoPublishers).Append("admin@demo.local"))
        {
            var local = email[..email.IndexOf('@')];
            var test = await keys.FindAsync("demo-test-key-" + local);
            var live = await keys.FindAsync("demo-key-" + local);
            Assert.True(test is { IsTest: true }, $"demo-test-key-{local} is a test key");
            Assert.True(live is { IsTest: false }, $"demo-key-{local} is a live key");
            Assert.Equal(live!.UserId, test!.UserId);
        }
    }
}
