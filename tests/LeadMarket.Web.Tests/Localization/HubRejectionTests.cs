using System.Text.Json.Serialization;
using LeadMarket.Testing;
using LeadMarket.Web.Hubs;
using LeadMarket.Web.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The hub answers a rejected bid in the language its connection was opened with; the code stays the same.</summary>
public sealed class HubRejectionTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task A_rejected_bid_through_the_hub_answers_in_German_for_Accept_Language_de()
    {
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 20m);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(market.App.ServerAddress, "/hubs/auction?access_token=test-key-buyer2"), o => o.Headers["Accept-Language"] = "de-DE,de;q=0.9")
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await hub.StartAsync();

        var answer = await hub.InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(lot.LotId, 5m, null, "i18n-hub-de"));

        Assert.False(answer.Accepted);
        Assert.Equal("TooLow", answer.ReasonCode);
        Assert.Equal("Ihr Gebot von 5,00\u00A0€ ist zu niedrig: Das Mindestgebot beträgt 20,00\u00A0€.", answer.Reason);
    }
}
