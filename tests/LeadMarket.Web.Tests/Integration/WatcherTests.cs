using LeadMarket.Testing;
using LeadMarket.Web.Hubs;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>Every accepted bid reaches every watcher, under an alias; a (re)joining client gets the state now.</summary>
public sealed class WatcherTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task Watchers_get_every_accepted_bid_under_the_bidders_alias()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyers = await TestBuyers.CreateAsync(app.Services, 4);
        var (alice, bob) = (buyers[0], buyers[1]);
        await using var watcherA = await HubBidder.ConnectAsync(app, buyers[2]);
        await using var watcherB = await HubBidder.ConnectAsync(app, buyers[3]);
        await using var aliceHub = await HubBidder.ConnectAsync(app, alice);
        await using var bobHub = await HubBidder.ConnectAsync(app, bob);
        var joined = await watcherA.JoinRoomAsync(lot.RoomId);
        await watcherB.JoinRoomAsync(lot.RoomId);
        Assert.Equal(0, joined.Lots.Single(l => l.LotId == lot.LotId).Sequence);

        var placed = new List<(PlaceBidResponse Response, TestBuyer By)>
        {
            (await aliceHub.BidAsync(lot.LotId, 10m), alice),
            (await bobHub.BidAsync(lot.LotId, 10.5m), bob),
            (await aliceHub.BidAsync(lot.LotId, 12m), alice),
        };
        Assert.All(placed, p => Assert.True(p.Response.Accepted, p.Response.Reason));

        foreach (var watcher in new[] { watcherA, watcherB })
        {
            await Eventually.TrueAsync(() => watcher.BidsOn(lot.LotId).Count >= placed.Count, "every accepted bid to reach the watcher");
            var seen = watcher.BidsOn(lot.LotId).OrderBy(m => m.Sequence).ToList();
            Assert.Equal(placed.Select(p => p.Response.Sequence), seen.Select(m => m.Sequence));
            Assert.Equal(placed.Select(p => p.Response.CurrentPrice!.Value), seen.Select(m => m.Price));
            Assert.Equal(placed.Select(p => p.By.AliasOn(lot.LotId)), seen.Select(m => m.BidderAlias));
            Assert.Equal(12.5m, seen[^1].MinimumBid);
            Assert.All(seen, m => Assert.False(m.IsProxy));
        }

        foreach (var json in watcherA.BidsAcceptedJson.Concat(watcherB.BidsAcceptedJson))
        {
            foreach (var secret in new[] { alice.UserId, alice.Email, bob.UserId, bob.Email })
            {
                Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task A_client_joining_after_bids_gets_the_current_state_without_a_gap()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyers = await TestBuyers.CreateAsync(app.Services, 3);
        await using var first = await HubBidder.ConnectAsync(app, buyers[0]);
        await using var second = await HubBidder.ConnectAsync(app, buyers[1]);
        Assert.True((await first.BidAsync(lot.LotId, 10m)).Accepted);
        Assert.True((await second.BidAsync(lot.LotId, 11m)).Accepted);
        var last = await first.BidAsync(lot.LotId, 11.5m, maxAmount: 20m);
        Assert.True(last.Accepted);

        // A watcher that was away (a reconnect is a new connection) joins now.
        await using var latecomer = await HubBidder.ConnectAsync(app, buyers[2]);
        var snapshot = await latecomer.JoinRoomAsync(lot.RoomId);
        var card = Assert.Single(snapshot.Lots, l => l.LotId == lot.LotId);
        Assert.Equal(last.Sequence, card.Sequence);
        Assert.Equal(11.5m, card.CurrentPrice);
        Assert.Equal(12m, card.MinimumBid);
        Assert.Empty(snapshot.Mine);

        // The bidder's own snapshot shows their position, maximum included (to them alone).
        var own = await first.JoinRoomAsync(lot.RoomId);
        var mine = Assert.Single(own.Mine, m => m.LotId == lot.LotId);
        Assert.Equal(20m, mine.MyMaximum);

        // The next bid (answered at once by the leader's proxy) continues the sequence where the snapshot ended.
        Assert.True((await second.BidAsync(lot.LotId, 12m)).Accepted);
        await Eventually.TrueAsync(() => latecomer.BidsOn(lot.LotId).Count >= 2, "the next bids to reach the latecomer");
        var next = latecomer.BidsOn(lot.LotId).OrderBy(m => m.Sequence).ToList();
        Assert.Equal([card.Sequence + 1, card.Sequence + 2], next.Select(m => m.Sequence));
        Assert.Equal([12m, 12.5m], next.Select(m => m.Price));
        Assert.Equal([false, true], next.Select(m => m.IsProxy));
    }
}
