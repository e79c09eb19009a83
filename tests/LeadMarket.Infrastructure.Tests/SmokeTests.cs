using System.Net.Http.Json;
using LeadMarket.Testing;

namespace LeadMarket.Infrastructure.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task App_starts_on_loopback_and_answers_health()
    {
        await using var app = new MarketApplication();
        using var client = new HttpClient { BaseAddress = app.ServerAddress };
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
        using var api = app.ApiClient("buyer1");
        var rooms = await api.GetFromJsonAsync<List<object>>("/api/v1/rooms");
        Assert.Equal(4, rooms!.Count);
        await using var hub = app.HubConnection("buyer1");
        await hub.StartAsync();
    }
}
