using LeadMarket.Domain.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>A bid is taken only while the buyer's credit covers everything it could cost them.</summary>
public sealed class CreditLimitTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task A_bid_over_the_credit_limit_is_rejected_as_OverCredit()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(app.Services, creditLimit: 20m);
        await using var bidder = await HubBidder.ConnectAsync(app, buyer);

        var response = await bidder.BidAsync(lot.LotId, 25m);

        Assert.False(response.Accepted);
        Assert.Equal(nameof(BidRejectionCode.OverCredit), response.ReasonCode);
        Assert.Contains("credit", response.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("25.00", response.Reason, StringComparison.Ordinal);
        Assert.Contains("20.00", response.Reason, StringComparison.Ordinal);
        await AssertNothingHeldAsync(lot.LotId, buyer.UserId);
    }

    [Fact]
    public async Task The_proxy_maximum_counts_against_the_credit_limit()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(app.Services, creditLimit: 20m);
        await using var bidder = await HubBidder.ConnectAsync(app, buyer);

        var overMaximum = await bidder.BidAsync(lot.LotId, 15m, maxAmount: 30m);

        Assert.False(overMaximum.Accepted);
        Assert.Equal(nameof(BidRejectionCode.OverCredit), overMaximum.ReasonCode);
        Assert.Contains("30.00", overMaximum.Reason, StringComparison.Ordinal);
        await AssertNothingHeldAsync(lot.LotId, buyer.UserId);

        // The whole limit is usable: a maximum equal to it is taken and held.
        var withinLimit = await bidder.BidAsync(lot.LotId, 15m, maxAmount: 20m);
        Assert.True(withinLimit.Accepted, withinLimit.Reason);
        Assert.Equal(20m, (await MarketFixture.AccountAsync(app, buyer.UserId)).Exposure);

        // What is held on one lot is not available on another.
        var other = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var elsewhere = await bidder.BidAsync(other.LotId, 10m);
        Assert.False(elsewhere.Accepted);
        Assert.Equal(nameof(BidRejectionCode.OverCredit), elsewhere.ReasonCode);
    }

    private async Task AssertNothingHeldAsync(Guid lotId, string buyerId)
    {
        Assert.Equal(0m, (await MarketFixture.AccountAsync(market.App, buyerId)).Exposure);
        await using var db = market.App.Db();
        Assert.Empty(await db.Bids.Where(b => b.LotId == lotId).ToListAsync());
    }
}
