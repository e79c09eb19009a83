using LeadMarket.Testing;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>
/// JoinRoomBatched over the real hub: a burst of bids reaches the watcher in frames, every bid once, in sequence
/// order, under aliases, and the lot's close after its last bid. The frame interval is long here (half a second) so
/// that a burst of bids falls inside one interval however slow the machine is.
/// </summary>
public sealed class BatchedWatcherTests(BatchedWatcherTests.Market market) : IClassFixture<BatchedWatcherTests.Market>
{
    [Fact]
    public async Task A_burst_of_bids_reaches_a_batched_watcher_in_frames_in_order_and_the_close_after_them()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 60);
        var buyers = await TestBuyers.CreateAsync(app.Services, 4);
        var (alice, bob) = (buyers[0], buyers[1]);
        await using var batched = await HubBidder.ConnectAsync(app, buyers[2]);
        await using var perEvent = await HubBidder.ConnectAsync(app, buyers[3]);
        await using var aliceHub = await HubBidder.ConnectAsync(app, alice);
        await using var bobHub = await HubBidder.ConnectAsync(app, bob);
        var snapshot = await batched.JoinRoomBatchedAsync(lot.RoomId);
        await perEvent.JoinRoomAsync(lot.RoomId);
        Assert.Contains(snapshot.Lots, l => l.LotId == lot.LotId);

        var placed = new List<(PlaceBidResponse Response, TestBuyer By)>();
        for (var k = 0; k < 6; k++)
        {
            var (hub, by) = k % 2 == 0 ? (aliceHub, alice) : (bobHub, bob);
            placed.Add((await hub.BidAsync(lot.LotId, 10m + (0.5m * k)), by));
        }

        Assert.All(placed, p => Assert.True(p.Response.Accepted, p.Response.Reason));
        await Eventually.TrueAsync(() => batched.BidsOn(lot.LotId).Count >= placed.Count, "every bid to reach the batched watcher");
        await Eventually.TrueAsync(() => perEvent.BidsOn(lot.LotId).Count >= placed.Count, "every bid to reach the per-event watcher");

        // In arrival order, not sorted: frames keep the order the market decided in.
        var seen = batched.BidsOn(lot.LotId);
        Assert.Equal(placed.Select(p => p.Response.Sequence), seen.Select(m => m.Sequence));
        Assert.Equal(placed.Select(p => p.Response.CurrentPrice!.Value), seen.Select(m => m.Price));
        Assert.Equal(placed.Select(p => p.By.AliasOn(lot.LotId)), seen.Select(m => m.BidderAlias));
        Assert.Equal(placed.Count, batched.Frames.Sum());
        Assert.InRange(batched.Frames.Count, 2, placed.Count - 1);
        Assert.Equal(1, batched.Frames[0]);

        // The per-event watcher gets one message per bid, and no frames.
        Assert.Empty(perEvent.Frames);
        Assert.Equal(placed.Select(p => p.Response.Sequence), perEvent.BidsOn(lot.LotId).Select(m => m.Sequence));

        await market.CloseAsync(lot.LotId);
        await Eventually.TrueAsync(() => batched.LotsClosed.Count == 1, "the close to reach the batched watcher");
        Assert.Equal([placed.Count], batched.BidsBeforeClosed);
        Assert.Equal([placed[^1].By.AliasOn(lot.LotId)], batched.LotsClosed[0].Winners);

        foreach (var json in batched.BidsAcceptedJson)
        {
            foreach (var secret in new[] { alice.UserId, alice.Email, bob.UserId, bob.Email })
            {
                Assert.DoesNotContain(secret, json, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task Leaving_the_room_stops_the_frames()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m, durationSeconds: 60);
        var buyers = await TestBuyers.CreateAsync(app.Services, 2);
        await using var watcher = await HubBidder.ConnectAsync(app, buyers[0]);
        await using var bidder = await HubBidder.ConnectAsync(app, buyers[1]);
        await watcher.JoinRoomBatchedAsync(lot.RoomId);
        Assert.True((await bidder.BidAsync(lot.LotId, 10m)).Accepted);
        await Eventually.TrueAsync(() => watcher.BidsOn(lot.LotId).Count == 1, "the first bid to reach the watcher");

        await watcher.Connection.InvokeAsync(nameof(AuctionHub.LeaveRoom), lot.RoomId);
        Assert.True((await bidder.BidAsync(lot.LotId, 11m)).Accepted);

        // The bid after leaving would have left within one interval; wait a few and see nothing more.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Single(watcher.BidsOn(lot.LotId));
    }

    /// <summary>A market of its own, with a long frame interval.</summary>
    public sealed class Market() : MarketFixture(new Dictionary<string, string?> { ["AuctionHub:FrameInterval"] = "00:00:00.500" });
}
