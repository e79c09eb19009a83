using LeadMarket.Testing;
using LeadMarket.Web.Hubs;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>Retries are safe: the same clientBidId sent again is the same bid, however it comes back.</summary>
public sealed class ClientBidIdTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task A_repeated_clientBidId_is_one_bid()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(app.Services);
        var request = new PlaceBidRequest(lot.LotId, 10m, null, "retry-" + Guid.NewGuid().ToString("N"));
        await using var bidder = await HubBidder.ConnectAsync(app, buyer);

        var first = await bidder.BidAsync(request);
        var second = await bidder.BidAsync(request);

        Assert.True(first.Accepted);
        Assert.False(first.Repeated);
        Assert.True(second.Accepted);
        Assert.True(second.Repeated);
        Assert.Equal(first.Sequence, second.Sequence);
        Assert.Equal(first.CurrentPrice, second.CurrentPrice);
        Assert.True(second.Leading);
        await AssertOneBidAsync(request.ClientBidId!, first.Sequence);
        Assert.Equal(10m, (await MarketFixture.AccountAsync(app, buyer.UserId)).Exposure);
    }

    [Fact]
    public async Task A_clientBidId_sent_concurrently_is_one_bid()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(app.Services);
        var request = new PlaceBidRequest(lot.LotId, 10m, null, "burst-" + Guid.NewGuid().ToString("N"));
        await using var a = await HubBidder.ConnectAsync(app, buyer);
        await using var b = await HubBidder.ConnectAsync(app, buyer);

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, 8)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await (i % 2 == 0 ? a : b).BidAsync(request);
            }))
            .ToList();
        start.SetResult();
        var responses = await Task.WhenAll(sends);

        Assert.All(responses, r => Assert.True(r.Accepted, r.Reason));
        var original = Assert.Single(responses, r => !r.Repeated);
        Assert.All(responses, r => Assert.Equal(original.Sequence, r.Sequence));
        await AssertOneBidAsync(request.ClientBidId!, original.Sequence);
        Assert.Equal(10m, (await MarketFixture.AccountAsync(app, buyer.UserId)).Exposure);
    }

    [Fact]
    public async Task A_clientBidId_resent_after_reconnecting_is_one_bid()
    {
        var app = market.App;
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var buyers = await TestBuyers.CreateAsync(app.Services, 2);
        var request = new PlaceBidRequest(lot.LotId, 10m, null, "reconnect-" + Guid.NewGuid().ToString("N"));
        PlaceBidResponse first;
        await using (var before = await HubBidder.ConnectAsync(app, buyers[0]))
        {
            first = await before.BidAsync(request);
        }

        // Someone else moves the lot on meanwhile; the retry must not bid again, nor be taken as a new bid.
        await using var other = await HubBidder.ConnectAsync(app, buyers[1]);
        var outbid = await other.BidAsync(lot.LotId, 10.5m);
        await using var after = await HubBidder.ConnectAsync(app, buyers[0]);
        var retry = await after.BidAsync(request);

        Assert.True(first.Accepted);
        Assert.True(outbid.Accepted);
        Assert.True(retry.Accepted);
        Assert.True(retry.Repeated);
        await AssertOneBidAsync(request.ClientBidId!, first.Sequence);
        await using var db = app.Db();
        Assert.Equal(2, await db.Bids.CountAsync(b => b.LotId == lot.LotId));
        Assert.Equal(outbid.Sequence, await db.Lots.Where(l => l.Id == lot.LotId).Select(l => l.Sequence).SingleAsync());
    }

    private async Task AssertOneBidAsync(string clientBidId, long sequence)
    {
        await using var db = market.App.Db();
        var bid = Assert.Single(await db.Bids.AsNoTracking().Where(b => b.ClientBidId == clientBidId).ToListAsync());
        Assert.Equal(sequence, bid.Sequence);
    }
}
