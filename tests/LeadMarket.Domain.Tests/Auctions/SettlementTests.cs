using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class SettlementTests
{
    [Fact]
    public void Exclusive_settle_gives_exactly_one_winner_paying_the_visible_price()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m).Then("bob", 15m);

        var settlement = Auction.Settle(lot, Lots.EndsAt);

        Assert.Equal(LotOutcome.Sold, settlement.Outcome);
        var winner = Assert.Single(settlement.Winners);
        Assert.Equal(new Winner("alice", 15.5m, 20m), winner);
    }

    [Fact]
    public void Exclusive_settle_with_a_single_bid_sells_at_that_bid()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m, max: 80m);

        var settlement = Auction.Settle(lot, Lots.EndsAt.AddMinutes(3));

        Assert.Equal(new Winner("alice", 10m, 80m), Assert.Single(settlement.Winners));
    }

    [Fact]
    public void Shared_settle_gives_each_leader_a_share_at_their_own_amount()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m)
            .Then("alice", 10m)
            .Then("bob", 12m)
            .Then("carol", 11m)
            .Then("dave", 10.5m);

        var settlement = Auction.Settle(lot, Lots.EndsAt);

        Assert.Equal(LotOutcome.Sold, settlement.Outcome);
        Assert.Equal(
            [new Winner("bob", 12m, 12m), new Winner("carol", 11m, 11m), new Winner("dave", 10.5m, 10.5m)],
            settlement.Winners.OrderBy(w => w.BuyerId));
    }

    [Fact]
    public void Shared_settle_with_fewer_bidders_than_shares_sells_only_the_taken_shares()
    {
        var lot = Lots.Shared(shares: 4, reserve: 10m).Then("alice", 10m).Then("bob", 13m);

        var settlement = Auction.Settle(lot, Lots.EndsAt);

        Assert.Equal(2, settlement.Winners.Length);
        Assert.Equal(23m, settlement.Winners.Sum(w => w.Price));
    }

    [Fact]
    public void Shared_settle_never_has_more_winners_than_shares()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 1m).Then("a", 10m).Then("b", 10m).Then("c", 11m).Then("d", 12m);

        var settlement = Auction.Settle(lot, Lots.EndsAt);

        Assert.Equal(2, settlement.Winners.Length);
        Assert.Equal(["c", "d"], settlement.Winners.Select(w => w.BuyerId).Order());
        Assert.Equal(settlement.Winners.Length, settlement.Winners.Select(w => w.BuyerId).Distinct().Count());
    }

    [Fact]
    public void Lot_without_bids_settles_unsold()
    {
        var settlement = Auction.Settle(Lots.Exclusive(), Lots.EndsAt);

        Assert.Equal(LotOutcome.Unsold, settlement.Outcome);
        Assert.Empty(settlement.Winners);
        Assert.Equal(LotStatus.Closed, settlement.Closed.Status);
    }

    [Fact]
    public void Shared_lot_without_bids_settles_unsold()
    {
        var settlement = Auction.Settle(Lots.Shared(shares: 3), Lots.EndsAt);

        Assert.Equal(LotOutcome.Unsold, settlement.Outcome);
        Assert.Empty(settlement.Winners);
    }

    [Fact]
    public void Settled_lot_is_closed_and_keeps_its_bids_and_sequence()
    {
        var lot = Lots.Exclusive().Then("alice", 10m).Then("bob", 11m);

        var closed = Auction.Settle(lot, Lots.EndsAt).Closed;

        Assert.Equal(LotStatus.Closed, closed.Status);
        Assert.Equal(lot.Sequence, closed.Sequence);
        Assert.Equal(lot.Standings, closed.Standings);
        Assert.Equal(lot.EndsAt, closed.EndsAt);
    }

    [Fact]
    public void Settling_before_the_end_throws()
    {
        var lot = Lots.Exclusive().Then("alice", 10m);

        Assert.Throws<InvalidOperationException>(() => Auction.Settle(lot, Lots.EndsAt.AddTicks(-1)));
    }

    [Fact]
    public void Settling_before_an_extended_end_throws()
    {
        var lot = Lots.Exclusive().Bid("alice", 10m, at: Lots.EndsAt.AddSeconds(-1)).ShouldBeAccepted().After;

        Assert.Throws<InvalidOperationException>(() => Auction.Settle(lot, Lots.EndsAt.AddSeconds(1)));
        Auction.Settle(lot, lot.EndsAt);
    }

    [Fact]
    public void Settling_a_closed_lot_throws()
    {
        var closed = Auction.Settle(Lots.Exclusive().Then("alice", 10m), Lots.EndsAt).Closed;

        Assert.Throws<InvalidOperationException>(() => Auction.Settle(closed, Lots.EndsAt.AddHours(1)));
    }

    [Fact]
    public void Settled_lot_rejects_further_bids_as_LotClosed()
    {
        var closed = Auction.Settle(Lots.Exclusive().Then("alice", 10m), Lots.EndsAt).Closed;

        closed.Bid("bob", 50m, at: Lots.EndsAt.AddSeconds(1)).ShouldBeRejected(BidRejectionCode.LotClosed);
        closed.Bid("alice", 10m, max: 99m, at: Lots.EndsAt.AddSeconds(1)).ShouldBeRejected(BidRejectionCode.LotClosed);
    }
}
