using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>The bid path through the real writer and database: what lands in the tables and what is announced.</summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class BiddingTests(SqliteMarket market)
{
    [Fact]
    public async Task A_bid_in_the_last_seconds_moves_the_end_in_the_database_and_announces_it()
    {
        var a = await market.CreateBuyerAsync("sniper-a", 1_000m);
        var b = await market.CreateBuyerAsync("sniper-b", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, durationSeconds: 60);
        using var events = new EventLog(market.Notifier);

        Assert.True((await market.BidAsync(a, lot.LotId, 10m)).Accepted);
        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(-3));
        var late = await market.BidAsync(b, lot.LotId, 10.50m);

        var expectedEnd = lot.EndsAt.AddSeconds(-3 + 15);
        Assert.True(late.Accepted, late.Rejection?.Message);
        Assert.Equal(expectedEnd, late.EndsAt);
        var extended = Assert.Single(await events.WaitForAsync<LotExtendedEvent>(lot.LotId));
        Assert.Equal((lot.RoomId, expectedEnd), (extended.RoomId, extended.EndsAt));
        Assert.Equal(expectedEnd, (await events.WaitForAsync<BidAcceptedEvent>(lot.LotId, 2))[1].EndsAt);
        await using var db = market.App.Db();
        Assert.Equal(expectedEnd, (await db.Lots.SingleAsync(l => l.Id == lot.LotId)).EndsAt);
    }

    [Fact]
    public async Task A_bid_well_before_the_end_does_not_extend_the_lot()
    {
        var a = await market.CreateBuyerAsync("calm", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, durationSeconds: 60);
        using var events = new EventLog(market.Notifier);
        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(-16));

        var result = await market.BidAsync(a, lot.LotId, 10m);

        Assert.True(result.Accepted);
        Assert.Equal(lot.EndsAt, result.EndsAt);
        await events.WaitForAsync<BidAcceptedEvent>(lot.LotId);
        Assert.Empty(events.Of<LotExtendedEvent>(lot.LotId));
        await using var db = market.App.Db();
        Assert.Equal(lot.EndsAt, (await db.Lots.SingleAsync(l => l.Id == lot.LotId)).EndsAt);
    }

    [Fact]
    public async Task A_proxy_maximum_answers_a_lower_bid_one_increment_above_it()
    {
        var a = await market.CreateBuyerAsync("proxy-a", 1_000m);
        var b = await market.CreateBuyerAsync("proxy-b", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        using var events = new EventLog(market.Notifier);

        var first = await market.BidAsync(a, lot.LotId, 10m, max: 30m);
        var second = await market.BidAsync(b, lot.LotId, 12m);

        Assert.True(first.Accepted && first.Leading);
        Assert.True(second.Accepted, second.Rejection?.Message);
        Assert.False(second.Leading);
        Assert.Equal((12.50m, 13m, 3L), (second.CurrentPrice, second.MinimumBid, second.Sequence));

        await using var db = market.App.Db();
        var bids = await db.Bids.AsNoTracking().Where(x => x.LotId == lot.LotId).OrderBy(x => x.Sequence).ToListAsync();
        Assert.Equal(
            [(1L, a, 10m, false), (2L, b, 12m, false), (3L, a, 12.50m, true)],
            bids.Select(x => (x.Sequence, x.BuyerId, x.Amount, x.IsProxy)));
        var row = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot.LotId);
        Assert.Equal((3L, 12.50m, 1), (row.Sequence, row.CurrentPrice, row.LeadingCount));

        var announced = await events.WaitForAsync<BidAcceptedEvent>(lot.LotId, 3);
        Assert.Equal([1L, 2L, 3L], announced.Select(e => e.Sequence));
        Assert.Equal([false, false, true], announced.Select(e => e.IsProxy));
        Assert.Equal([a, b, a], announced.Select(e => e.BidderId));
        Assert.All(announced.Skip(1), e => Assert.Equal([a], e.LeaderIds));
    }

    [Fact]
    public async Task Credit_held_by_a_leading_maximum_is_released_when_outbid_and_settled_as_used_credit()
    {
        var a = await market.CreateBuyerAsync("credit-a", 100m);
        var b = await market.CreateBuyerAsync("credit-b", 100m);
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);

        Assert.True((await market.BidAsync(a, lot.LotId, 10m, max: 30m)).Accepted);
        Assert.Equal((0m, 30m), await AccountAsync(a));

        var outbid = await market.BidAsync(b, lot.LotId, 31m, max: 50m);
        Assert.True(outbid.Accepted && outbid.Leading, outbid.Rejection?.Message);
        Assert.Equal((0m, 0m), await AccountAsync(a));
        Assert.Equal((0m, 50m), await AccountAsync(b));

        market.Time.SetUtcNow(lot.EndsAt);
        Assert.True(await market.Writer.CloseAsync(lot.LotId));

        Assert.Equal((31m, 0m), await AccountAsync(b));
        Assert.Equal((0m, 0m), await AccountAsync(a));
    }

    [Fact]
    public async Task A_maximum_over_the_available_credit_is_refused_and_holds_nothing()
    {
        var a = await market.CreateBuyerAsync("broke", 100m);
        var first = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        var second = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        Assert.True((await market.BidAsync(a, first.LotId, 10m, max: 80m)).Accepted);

        var refused = await market.BidAsync(a, second.LotId, 10m, max: 30m);

        Assert.False(refused.Accepted);
        Assert.Equal(BidRejectionCode.OverCredit, refused.Rejection!.Code);
        Assert.Equal((0m, 80m), await AccountAsync(a));
        Assert.True((await market.BidAsync(a, second.LotId, 10m, max: 20m)).Accepted);
        Assert.Equal((0m, 100m), await AccountAsync(a));
    }

    [Fact]
    public async Task Bid_events_carry_the_per_lot_alias_and_never_the_email()
    {
        var a = await market.CreateBuyerAsync("alias", 1_000m);
        string email;
        await using (var db = market.App.Db())
        {
            email = await db.Users.Where(u => u.Id == a).Select(u => u.Email!).SingleAsync();
        }

        var lot = await TestListings.ListLotAsync(market.Services);
        using var events = new EventLog(market.Notifier);
        Assert.True((await market.BidAsync(a, lot.LotId, 10m)).Accepted);
        market.Time.SetUtcNow(lot.EndsAt);
        Assert.True(await market.Writer.CloseAsync(lot.LotId));

        var accepted = Assert.Single(await events.WaitForAsync<BidAcceptedEvent>(lot.LotId));
        var winner = Assert.Single(Assert.Single(await events.WaitForAsync<LotClosedEvent>(lot.LotId)).Winners);
        var alias = BidderAlias.For(lot.LotId, a);
        Assert.Equal(alias, accepted.BidderAlias);
        Assert.Equal(alias, winner.Alias);
        foreach (var shown in new[] { accepted.BidderAlias, winner.Alias })
        {
            Assert.DoesNotContain("@", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(email.Split('@')[0], shown, StringComparison.OrdinalIgnoreCase);
        }
    }

    private async Task<(decimal CreditUsed, decimal Exposure)> AccountAsync(string buyerId)
    {
        await using var db = market.App.Db();
        var account = await db.BuyerAccounts.AsNoTracking().SingleAsync(x => x.UserId == buyerId);
        return (account.CreditUsed, account.Exposure);
    }
}
