using LeadMarket.Domain.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>Many buyers' systems racing on one lot through the hub: the database decides, once.</summary>
public sealed class ConcurrentBiddingTests(MarketFixture market, ITestOutputHelper output) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task Fifty_concurrent_bidders_on_an_exclusive_lot_give_exactly_one_winner_and_one_purchase()
    {
        const int rounds = 8;
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, SaleMode.Exclusive, reserve: 10m);
        var buyers = await TestBuyers.CreateAsync(app.Services, 50, creditLimit: 1_000m);
        var bidders = await HubBidder.ConnectAllAsync(app, buyers);
        try
        {
            await Task.WhenAll(bidders.Select(b => b.JoinRoomAsync(lot.RoomId)));
            var racers = bidders.Select(b => new Racer(b, lot.LotId, 10m)).ToList();

            await Racer.RaceAsync(racers, rounds);
            await market.CloseAsync(lot.LotId);

            var answers = racers.SelectMany(r => r.Responses.Select(response => (r.Bidder.Buyer!.UserId, Response: response))).ToList();
            var accepted = answers.Where(a => a.Response.Accepted).ToList();
            output.WriteLine($"{answers.Count} bids sent, {accepted.Count} accepted, {answers.Count - accepted.Count} rejected.");
            Assert.All(answers.Where(a => !a.Response.Accepted), a => Assert.Equal(nameof(BidRejectionCode.TooLow), a.Response.ReasonCode));
            Assert.All(accepted, a => Assert.False(a.Response.Repeated));

            // Everyone bid the minimum they knew, so each round has exactly one winner of the race.
            Assert.Equal(rounds, accepted.Count);
            Assert.Equal(accepted.Count, accepted.Select(a => a.Response.Sequence).Distinct().Count());

            await using var db = app.Db();
            var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lot.LotId).OrderBy(b => b.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, accepted.Count).Select(i => (long)i), bids.Select(b => b.Sequence));
            Assert.All(accepted, a => Assert.Contains(bids, b => b.Sequence == a.Response.Sequence && b.BuyerId == a.UserId));
            Assert.DoesNotContain(bids, b => b.IsProxy);

            var stored = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot.LotId);
            var highest = bids[^1];
            Assert.Equal(LotStatus.Closed, stored.Status);
            Assert.Equal(LotOutcome.Sold, stored.Outcome);
            Assert.Equal(bids.Max(b => b.Amount), highest.Amount);
            Assert.Equal(stored.CurrentPrice, highest.Amount);

            var purchase = Assert.Single(await db.Purchases.AsNoTracking().Where(p => p.LotId == lot.LotId).ToListAsync());
            Assert.Equal(highest.BuyerId, purchase.BuyerId);
            Assert.Equal(highest.Amount, purchase.Price);
            Assert.Equal(lot.LeadId, purchase.LeadId);

            foreach (var buyer in buyers)
            {
                var account = await MarketFixture.AccountAsync(app, buyer.UserId);
                Assert.Equal(0m, account.Exposure);
                Assert.Equal(buyer.UserId == purchase.BuyerId ? purchase.Price : 0m, account.CreditUsed);
            }
        }
        finally
        {
            await Task.WhenAll(bidders.Select(b => b.DisposeAsync().AsTask()));
        }
    }

    [Fact]
    public async Task Twenty_bidders_on_a_shared_lot_with_three_shares_give_exactly_three_purchases()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, SaleMode.Shared, shares: 3, reserve: 10m);
        var buyers = await TestBuyers.CreateAsync(app.Services, 20, creditLimit: 1_000m);
        var bidders = await HubBidder.ConnectAllAsync(app, buyers);
        try
        {
            await Task.WhenAll(bidders.Select(b => b.JoinRoomAsync(lot.RoomId)));
            var racers = bidders.Select(b => new Racer(b, lot.LotId, 10m)).ToList();

            await Racer.RaceAsync(racers, rounds: 6);
            await market.CloseAsync(lot.LotId);

            await using var db = app.Db();
            var purchases = await db.Purchases.AsNoTracking().Where(p => p.LotId == lot.LotId).ToListAsync();
            var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lot.LotId).ToListAsync();
            var bestBidOf = bids.GroupBy(b => b.BuyerId).ToDictionary(g => g.Key, g => g.Max(b => b.Amount));

            var sent = racers.SelectMany(r => r.Responses).ToList();
            output.WriteLine($"{sent.Count} bids sent, {sent.Count(r => r.Accepted)} accepted, {bids.Count} visible bids ({bids.Count(b => b.IsProxy)} by proxy).");
            Assert.Equal(3, purchases.Count);
            Assert.Equal(3, purchases.Select(p => p.BuyerId).Distinct().Count());
            Assert.All(purchases, p => Assert.Equal(bestBidOf[p.BuyerId], p.Price));
            Assert.True(bestBidOf.Count > 3, "More buyers than shares must have bid for the race to mean something.");
            var lowestWinning = purchases.Min(p => p.Price);
            Assert.All(bestBidOf.Where(kv => purchases.All(p => p.BuyerId != kv.Key)), kv => Assert.True(kv.Value <= lowestWinning));
            Assert.Equal(Enumerable.Range(1, bids.Count).Select(i => (long)i), bids.Select(b => b.Sequence).Order());

            foreach (var buyer in buyers)
            {
                var account = await MarketFixture.AccountAsync(app, buyer.UserId);
                Assert.Equal(0m, account.Exposure);
                Assert.Equal(purchases.SingleOrDefault(p => p.BuyerId == buyer.UserId)?.Price ?? 0m, account.CreditUsed);
            }
        }
        finally
        {
            await Task.WhenAll(bidders.Select(b => b.DisposeAsync().AsTask()));
        }
    }
}
