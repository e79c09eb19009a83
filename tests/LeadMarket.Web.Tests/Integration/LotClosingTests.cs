using LeadMarket.Domain.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Integration;

public sealed class LotClosingTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task A_bid_after_the_close_is_rejected_as_LotClosed()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 60);
        var buyers = await TestBuyers.CreateAsync(app.Services, 2);
        var (early, late) = (buyers[0], buyers[1]);
        await using var first = await HubBidder.ConnectAsync(app, early);
        await using var second = await HubBidder.ConnectAsync(app, late);
        Assert.True((await first.BidAsync(lot.LotId, 10m)).Accepted);

        await market.CloseAsync(lot.LotId);
        var response = await second.BidAsync(lot.LotId, 50m);

        Assert.False(response.Accepted);
        Assert.Equal(nameof(BidRejectionCode.LotClosed), response.ReasonCode);
        Assert.Contains("lot is closed", response.Reason, StringComparison.OrdinalIgnoreCase);
        await using var db = app.Db();
        Assert.Single(await db.Bids.Where(b => b.LotId == lot.LotId).ToListAsync());
        var purchase = Assert.Single(await db.Purchases.Where(p => p.LotId == lot.LotId).ToListAsync());
        Assert.Equal(early.UserId, purchase.BuyerId);
        Assert.Equal(0m, (await MarketFixture.AccountAsync(app, late.UserId)).Exposure);
    }

    [Fact]
    public async Task A_bid_after_the_end_but_before_settlement_is_rejected_as_LotClosed()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 60);
        var buyer = await TestBuyers.CreateOneAsync(app.Services);
        await using var bidder = await HubBidder.ConnectAsync(app, buyer);

        // Exactly at the end: whether or not the closing worker got to the lot yet, the end has passed.
        market.Clock.Advance(lot.EndsAt - market.Clock.GetUtcNow());
        var response = await bidder.BidAsync(lot.LotId, 10m);

        Assert.False(response.Accepted);
        Assert.Equal(nameof(BidRejectionCode.LotClosed), response.ReasonCode);
        Assert.Contains("lot is closed", response.Reason, StringComparison.OrdinalIgnoreCase);
        await market.CloseAsync(lot.LotId);
        await using var db = app.Db();
        Assert.Empty(await db.Bids.Where(b => b.LotId == lot.LotId).ToListAsync());
        Assert.Equal(LotOutcome.Unsold, await db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.Outcome).SingleAsync());
        Assert.Empty(await db.Purchases.Where(p => p.LotId == lot.LotId).ToListAsync());
    }

    [Fact]
    public async Task Watchers_get_LotClosed_with_the_winners_alias()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 60);
        var buyers = await TestBuyers.CreateAsync(app.Services, 2);
        await using var winner = await HubBidder.ConnectAsync(app, buyers[0]);
        await using var watcher = await HubBidder.ConnectAsync(app, buyers[1]);
        await watcher.JoinRoomAsync(lot.RoomId);
        Assert.True((await winner.BidAsync(lot.LotId, 12m)).Accepted);

        await market.CloseAsync(lot.LotId);

        await Eventually.TrueAsync(() => watcher.LotsClosed.Any(m => m.LotId == lot.LotId), "LotClosed to reach the watcher");
        var closed = watcher.LotsClosed.Single(m => m.LotId == lot.LotId);
        Assert.Equal(nameof(LotOutcome.Sold), closed.Outcome);
        Assert.Equal([buyers[0].AliasOn(lot.LotId)], closed.Winners);
    }
}
