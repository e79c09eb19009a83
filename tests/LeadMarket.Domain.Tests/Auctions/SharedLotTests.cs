using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class SharedLotTests
{
    [Fact]
    public void First_N_distinct_buyers_all_lead_at_the_reserve()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m);
        Assert.Equal(3, lot.SharesLeft);

        foreach (var buyer in new[] { "alice", "bob", "carol" })
        {
            var accepted = lot.Bid(buyer, 10m).ShouldBeAccepted();
            Assert.True(accepted.BidderLeads);
            Assert.Equal(new PlacedBid(lot.Sequence + 1, buyer, 10m, IsProxy: false), Assert.Single(accepted.Bids));
            lot = accepted.After;
        }

        Assert.Equal(["alice", "bob", "carol"], lot.LeaderIds().Order());
        Assert.All(lot.Leaders, l => Assert.Equal(10m, l.Amount));
        Assert.Equal(0, lot.SharesLeft);
        Assert.Equal(3, lot.Sequence);
    }

    [Fact]
    public void While_shares_are_free_the_minimum_stays_at_the_reserve()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m).Then("alice", 15m).Then("bob", 12m);

        Assert.Equal(10m, lot.MinimumBid);
        Assert.Equal(1, lot.SharesLeft);
        lot.Bid("carol", 10m).ShouldBeAccepted();
    }

    [Fact]
    public void Leaders_with_proxies_are_not_raised_while_shares_are_free()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 50m);

        var accepted = lot.Bid("bob", 10m).ShouldBeAccepted();

        Assert.Equal(10m, accepted.After.Of("alice").Amount);
        Assert.Single(accepted.Bids);
    }

    [Fact]
    public void Next_buyer_once_shares_are_taken_must_beat_the_lowest_leader_by_the_increment()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m).Then("alice", 12m).Then("bob", 10m);
        Assert.Equal(10.5m, lot.MinimumBid);

        var reason = lot.Bid("carol", 10.49m).ShouldBeRejected(BidRejectionCode.TooLow);
        Assert.Contains(Bidding.Money(10.5m), reason.Message, StringComparison.Ordinal);

        var accepted = lot.Bid("carol", 10.5m).ShouldBeAccepted();
        Assert.True(accepted.BidderLeads);
        Assert.Equal(["alice", "carol"], accepted.After.LeaderIds());
    }

    [Fact]
    public void Newcomer_displaces_the_lowest_leader()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m).Then("alice", 12m).Then("bob", 10m).Then("carol", 11m);

        var accepted = lot.Bid("dave", 10.5m).ShouldBeAccepted();

        Assert.Equal(["alice", "carol", "dave"], accepted.After.LeaderIds().Order());
        Assert.False(accepted.After.IsLeading("bob"));
    }

    [Fact]
    public void Among_equal_lowest_leaders_the_later_one_is_displaced()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m).Then("alice", 10m).Then("bob", 10m);

        var after = lot.Then("carol", 10.5m);

        Assert.Equal(["alice", "carol"], after.LeaderIds().Order());
    }

    [Fact]
    public void Leader_asking_for_a_second_share_is_rejected_AlreadyLeading()
    {
        var lot = Lots.Shared(shares: 3, reserve: 10m, increment: 0.5m).Then("alice", 10m);

        lot.Bid("alice", 10m).ShouldBeRejected(BidRejectionCode.AlreadyLeading);
        Assert.Single(lot.Standings);
        Assert.Equal(2, lot.SharesLeft);
    }

    [Fact]
    public void Displaced_buyer_can_win_a_share_back()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m).Then("alice", 10m).Then("bob", 10m).Then("carol", 10.5m);
        Assert.False(lot.IsLeading("bob"));

        var accepted = lot.Bid("bob", 11m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(["bob", "carol"], accepted.After.LeaderIds().Order());
        Assert.Equal(3, accepted.After.Standings.Length);
    }

    [Fact]
    public void Leaders_proxy_in_a_shared_lot_keeps_its_share_one_increment_above_the_challenger()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m).Then("alice", 10m).Then("bob", 10m, max: 30m);

        var accepted = lot.Bid("carol", 12m, max: 20m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(["bob", "carol"], accepted.After.LeaderIds());
        Assert.Equal(12m, accepted.After.Of("carol").Amount);
        Assert.Equal(10.5m, accepted.After.Of("bob").Amount);
        Assert.Contains(accepted.Bids, b => b is { BuyerId: "bob", IsProxy: true, Amount: 10.5m });
    }

    [Fact]
    public void Leaders_never_outnumber_the_shares()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 1m);
        var amount = 10m;
        foreach (var buyer in new[] { "a", "b", "c", "d", "e" })
        {
            lot = lot.Then(buyer, amount);
            amount += 1m;
            Assert.True(lot.Leaders.Count <= 2);
        }

        Assert.Equal(["d", "e"], lot.LeaderIds().Order());
        Assert.Equal(5, lot.Standings.Length);
    }

    [Fact]
    public void A_raised_maximum_ranks_after_an_equal_maximum_set_before_it()
    {
        // bob set 20 before alice raised hers to 20: when carol takes a share, alice (the later 20) drops out.
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m)
            .Then("alice", 10m, 10m)
            .Then("bob", 10m, 20m);
        var raised = lot.Bid("alice", 10m, 20m).ShouldBeAccepted();
        Assert.True(raised.MaximumOnly);

        var after = raised.After.Bid("carol", 10.5m, 25m).ShouldBeAccepted().After;

        Assert.Equal(["bob", "carol"], after.LeaderIds().Order());
    }
}
