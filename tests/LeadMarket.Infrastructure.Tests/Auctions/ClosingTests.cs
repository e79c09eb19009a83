using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Auctions;

[Collection(SqliteMarketCollection.Name)]
public sealed class ClosingTests(SqliteMarket market)
{
    [Fact]
    public async Task Closing_twice_settles_once_and_the_second_close_does_nothing()
    {
        var a = await market.CreateBuyerAsync("a", 1_000m);
        var b = await market.CreateBuyerAsync("b", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services);
        using var events = new EventLog(market.Notifier);
        Assert.True((await market.BidAsync(a, lot.LotId, 10m)).Accepted);
        Assert.True((await market.BidAsync(b, lot.LotId, 11m)).Accepted);

        market.Time.SetUtcNow(lot.EndsAt);
        Assert.True(await market.Writer.CloseAsync(lot.LotId));
        Assert.False(await market.Writer.CloseAsync(lot.LotId));

        await using var db = market.App.Db();
        var purchase = Assert.Single(await db.Purchases.Where(p => p.LotId == lot.LotId).ToListAsync());
        Assert.Equal((b, 11m, lot.LeadId), (purchase.BuyerId, purchase.Price, purchase.LeadId));
        var closed = await db.Lots.SingleAsync(l => l.Id == lot.LotId);
        Assert.Equal((LotStatus.Closed, LotOutcome.Sold), (closed.Status, closed.Outcome));
        var closedEvent = Assert.Single(events.Of<LotClosedEvent>(lot.LotId));
        Assert.Equal(b, Assert.Single(closedEvent.Winners).BuyerId);
    }

    [Fact]
    public async Task Closes_racing_each_other_settle_a_shared_lot_once_with_one_purchase_per_winner()
    {
        var buyers = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            buyers.Add(await market.CreateBuyerAsync($"s{i}", 1_000m));
        }

        var lot = await TestListings.ListLotAsync(market.Services, SaleMode.Shared, shares: 3);
        for (var i = 0; i < buyers.Count; i++)
        {
            var result = await market.BidAsync(buyers[i], lot.LotId, 10m + i);
            Assert.True(result.Accepted, result.Rejection?.Message);
        }

        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(1));
        var sweep = market.Services.GetRequiredService<LotClosingWorker>();
        var closes = await Task.WhenAll(
            market.Writer.CloseAsync(lot.LotId), market.Writer.CloseAsync(lot.LotId), market.Writer.CloseAsync(lot.LotId));
        await sweep.CloseDueLotsAsync(CancellationToken.None);

        Assert.Equal(1, closes.Count(c => c));
        await using var db = market.App.Db();
        var purchases = await db.Purchases.Where(p => p.LotId == lot.LotId).ToListAsync();
        Assert.Equal(buyers.Skip(1).Order(), purchases.Select(p => p.BuyerId).Order());
        Assert.Equal([11m, 12m, 13m], purchases.Select(p => p.Price).Order());
    }

    [Fact]
    public async Task Closing_before_the_end_does_nothing()
    {
        var a = await market.CreateBuyerAsync("early", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services);
        Assert.True((await market.BidAsync(a, lot.LotId, 10m)).Accepted);
        using var events = new EventLog(market.Notifier);

        market.Time.SetUtcNow(lot.EndsAt.AddMilliseconds(-1));
        Assert.False(await market.Writer.CloseAsync(lot.LotId));
        await market.Services.GetRequiredService<LotClosingWorker>().CloseDueLotsAsync(CancellationToken.None);

        await using var db = market.App.Db();
        Assert.Equal(LotStatus.Open, (await db.Lots.SingleAsync(l => l.Id == lot.LotId)).Status);
        Assert.False(await db.Purchases.AnyAsync(p => p.LotId == lot.LotId));
        Assert.Empty(events.Of<LotClosedEvent>(lot.LotId));
        Assert.True((await market.BidAsync(a, lot.LotId, 12m, 20m)).Accepted);
    }

    [Fact]
    public async Task A_lot_extended_by_a_late_bid_is_not_closed_at_its_old_end()
    {
        var a = await market.CreateBuyerAsync("late-a", 1_000m);
        var b = await market.CreateBuyerAsync("late-b", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, durationSeconds: 60);
        Assert.True((await market.BidAsync(a, lot.LotId, 10m)).Accepted);

        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(-5));
        var late = await market.BidAsync(b, lot.LotId, 11m);
        Assert.True(late.Accepted, late.Rejection?.Message);
        var newEnd = lot.EndsAt.AddSeconds(10); // now + the room's 15 s window
        Assert.Equal(newEnd, late.EndsAt);

        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(1));
        Assert.False(await market.Writer.CloseAsync(lot.LotId));
        await market.Services.GetRequiredService<LotClosingWorker>().CloseDueLotsAsync(CancellationToken.None);
        await using (var db = market.App.Db())
        {
            var open = await db.Lots.SingleAsync(l => l.Id == lot.LotId);
            Assert.Equal((LotStatus.Open, newEnd), (open.Status, open.EndsAt));
        }

        market.Time.SetUtcNow(newEnd);
        Assert.True(await market.Writer.CloseAsync(lot.LotId));
        await using (var db = market.App.Db())
        {
            Assert.Equal(b, (await db.Purchases.SingleAsync(p => p.LotId == lot.LotId)).BuyerId);
        }
    }

    [Fact]
    public async Task A_lot_nobody_bid_on_closes_unsold()
    {
        var lot = await TestListings.ListLotAsync(market.Services);
        market.Time.SetUtcNow(lot.EndsAt);
        using var events = new EventLog(market.Notifier);

        Assert.True(await market.Writer.CloseAsync(lot.LotId));

        await using var db = market.App.Db();
        Assert.Equal(LotOutcome.Unsold, (await db.Lots.SingleAsync(l => l.Id == lot.LotId)).Outcome);
        Assert.False(await db.Purchases.AnyAsync(p => p.LotId == lot.LotId));
        var closed = Assert.Single(events.Of<LotClosedEvent>(lot.LotId));
        Assert.Equal(LotOutcome.Unsold, closed.Outcome);
        Assert.Empty(closed.Winners);
    }
}
