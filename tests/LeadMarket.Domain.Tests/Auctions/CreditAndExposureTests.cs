using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class CreditAndExposureTests
{
    [Fact]
    public void Bid_whose_maximum_exceeds_available_credit_is_rejected_OverCredit()
    {
        var reason = Lots.Exclusive(reserve: 10m).Bid("alice", 10m, max: 50m, credit: 49.99m)
            .ShouldBeRejected(BidRejectionCode.OverCredit);

        Assert.Contains(Bidding.Money(50m), reason.Message, StringComparison.Ordinal);
        Assert.Contains(Bidding.Money(49.99m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_bid_above_available_credit_is_rejected_OverCredit()
    {
        Lots.Exclusive(reserve: 10m).Bid("alice", 10m, credit: 9.99m).ShouldBeRejected(BidRejectionCode.OverCredit);
    }

    [Fact]
    public void Buyer_without_any_credit_left_is_told_zero_is_available()
    {
        var reason = Lots.Exclusive(reserve: 10m).Bid("alice", 10m, credit: -5m).ShouldBeRejected(BidRejectionCode.OverCredit);

        Assert.Contains(Bidding.Money(0m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Maximum_exactly_equal_to_available_credit_is_accepted()
    {
        Lots.Exclusive(reserve: 10m).Bid("alice", 10m, max: 50m, credit: 50m).ShouldBeAccepted();
    }

    [Fact]
    public void New_leader_reserves_their_whole_maximum()
    {
        var accepted = Lots.Exclusive(reserve: 10m).Bid("alice", 10m, max: 50m).ShouldBeAccepted();

        Assert.Equal([new ExposureChange("alice", 50m)], accepted.ExposureChanges.ToArray());
        Assert.Equal(50m, accepted.After.ReservedBy("alice"));
    }

    [Fact]
    public void Displaced_leader_gets_their_maximum_back()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 10.5m, max: 30m).ShouldBeAccepted();

        Assert.Equal(
            [new ExposureChange("alice", -20m), new ExposureChange("bob", 30m)],
            accepted.ExposureChanges.OrderBy(c => c.BuyerId));
        Assert.Equal(0m, accepted.After.ReservedBy("alice"));
    }

    [Fact]
    public void Challenger_outbid_at_once_reserves_nothing()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 50m);

        var accepted = lot.Bid("bob", 12m, max: 20m, credit: 20m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Empty(accepted.ExposureChanges);
        Assert.Equal(0m, accepted.After.ReservedBy("bob"));
        Assert.Equal(50m, accepted.After.ReservedBy("alice"));
    }

    [Fact]
    public void Raising_a_maximum_reserves_only_the_difference()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("alice", 10m, max: 35m, credit: 15m).ShouldBeAccepted();

        Assert.Equal([new ExposureChange("alice", 15m)], accepted.ExposureChanges.ToArray());
        Assert.Equal(35m, accepted.After.ReservedBy("alice"));
    }

    [Fact]
    public void Raising_a_maximum_by_more_than_the_available_credit_is_rejected_OverCredit()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m, max: 20m);

        var reason = lot.Bid("alice", 10m, max: 35m, credit: 14.99m).ShouldBeRejected(BidRejectionCode.OverCredit);

        Assert.Contains(Bidding.Money(15m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Joining_a_free_share_reserves_only_the_joiners_maximum()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m).Then("alice", 10m, max: 25m);

        var accepted = lot.Bid("bob", 10m, max: 12m).ShouldBeAccepted();

        Assert.Equal([new ExposureChange("bob", 12m)], accepted.ExposureChanges.ToArray());
        Assert.Equal(25m, accepted.After.ReservedBy("alice"));
    }

    [Fact]
    public void Taking_a_share_frees_the_displaced_leaders_maximum()
    {
        var lot = Lots.Shared(shares: 2, reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 25m).Then("bob", 10m, max: 12m);

        var accepted = lot.Bid("carol", 10.5m, max: 14m).ShouldBeAccepted();

        Assert.Equal(
            [new ExposureChange("bob", -12m), new ExposureChange("carol", 14m)],
            accepted.ExposureChanges.OrderBy(c => c.BuyerId));
    }

    [Fact]
    public void Credit_is_not_checked_against_the_bid_when_it_is_too_low_anyway()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m);

        lot.Bid("bob", 10.1m, credit: 0m).ShouldBeRejected(BidRejectionCode.TooLow);
    }

    [Fact]
    public void Non_leader_reserves_nothing()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m).Then("bob", 11m);

        Assert.Equal(0m, lot.ReservedBy("alice"));
        Assert.Equal(11m, lot.ReservedBy("bob"));
        Assert.Equal(0m, lot.ReservedBy("nobody"));
    }
}
