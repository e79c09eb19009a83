using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>What the room pages show a buyer as "available credit".</summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class AvailableCreditTests(SqliteMarket market)
{
    [Fact]
    public async Task Available_credit_is_the_limit_less_what_leading_bids_hold_back_and_is_null_for_a_non_buyer()
    {
        var buyer = await market.CreateBuyerAsync("credit-reader", 500m);
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        var rooms = market.Services.GetRequiredService<RoomQueries>();
        Assert.Equal(500m, await rooms.GetAvailableCreditAsync(buyer));

        Assert.True((await market.BidAsync(buyer, lot.LotId, 12m, max: 40m)).Accepted);

        Assert.Equal(460m, await rooms.GetAvailableCreditAsync(buyer));
        Assert.Null(await rooms.GetAvailableCreditAsync("no-such-user"));
    }
}
