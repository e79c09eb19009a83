using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class BidValidationTests
{
    [Fact]
    public void First_bid_at_the_reserve_is_accepted_and_leads()
    {
        var accepted = Lots.Exclusive(reserve: 10m).Bid("alice", 10m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        var bid = Assert.Single(accepted.Bids);
        Assert.Equal(new PlacedBid(1, "alice", 10m, IsProxy: false), bid);
        Assert.Equal(["alice"], accepted.After.LeaderIds());
        Assert.Equal(10m, accepted.After.HighestBid);
    }

    [Fact]
    public void First_bid_above_the_reserve_is_shown_at_its_own_amount()
    {
        var after = Lots.Exclusive(reserve: 10m).Then("alice", 14.25m);

        Assert.Equal(14.25m, after.Of("alice").Amount);
        Assert.Equal(14.75m, after.MinimumBid);
    }

    [Fact]
    public void Bid_below_the_reserve_is_rejected_TooLow_naming_the_reserve()
    {
        var reason = Lots.Exclusive(reserve: 10m).Bid("alice", 9.99m).ShouldBeRejected(BidRejectionCode.TooLow);

        Assert.Contains(Bidding.Money(10m), reason.Message, StringComparison.Ordinal);
        Assert.Contains(Bidding.Money(9.99m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimum_bid_is_the_reserve_before_any_bid()
    {
        Assert.Equal(12.5m, Lots.Exclusive(reserve: 12.5m).MinimumBid);
        Assert.Null(Lots.Exclusive().HighestBid);
    }

    [Fact]
    public void Next_bid_below_price_plus_increment_is_rejected_TooLow_naming_that_minimum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m);

        var reason = lot.Bid("bob", 10.49m).ShouldBeRejected(BidRejectionCode.TooLow);

        Assert.Contains(Bidding.Money(10.5m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Next_bid_equal_to_the_current_price_is_rejected_TooLow()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m);

        lot.Bid("bob", 10m).ShouldBeRejected(BidRejectionCode.TooLow);
    }

    [Fact]
    public void Next_bid_of_exactly_price_plus_increment_is_accepted_and_takes_the_lead()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m);

        var accepted = lot.Bid("bob", 10.5m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(["bob"], accepted.After.LeaderIds());
        Assert.Equal(11m, accepted.After.MinimumBid);
    }

    [Fact]
    public void Minimum_bid_follows_the_visible_price_not_the_hidden_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 50m);

        Assert.Equal(10.5m, lot.MinimumBid);
        lot.Bid("bob", 10.5m).ShouldBeAccepted();
    }

    [Fact]
    public void TooLow_rejection_does_not_change_the_lot()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m);

        lot.Bid("bob", 10.1m).ShouldBeRejected(BidRejectionCode.TooLow);

        Assert.Equal(1, lot.Sequence);
        Assert.Equal(["alice"], lot.LeaderIds());
    }

    [Fact]
    public void Bid_at_the_moment_the_lot_ends_is_rejected_LotClosed()
    {
        var reason = Lots.Exclusive().Bid("alice", 10m, at: Lots.EndsAt).ShouldBeRejected(BidRejectionCode.LotClosed);

        Assert.Contains("09:05:00", reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bid_after_the_lot_ended_is_rejected_LotClosed()
    {
        Lots.Exclusive().Bid("alice", 10m, at: Lots.EndsAt.AddSeconds(1)).ShouldBeRejected(BidRejectionCode.LotClosed);
    }

    [Fact]
    public void Bid_one_tick_before_the_end_is_accepted()
    {
        Lots.Exclusive().Bid("alice", 10m, at: Lots.EndsAt.AddTicks(-1)).ShouldBeAccepted();
    }

    [Fact]
    public void Bid_on_a_closed_lot_is_rejected_LotClosed_even_before_its_end_time()
    {
        var closed = Lots.Exclusive() with { Status = LotStatus.Closed };

        closed.Bid("alice", 10m, at: Lots.Opened).ShouldBeRejected(BidRejectionCode.LotClosed);
    }

    [Fact]
    public void Leader_raising_a_maximum_after_the_end_is_rejected_LotClosed()
    {
        var lot = Lots.Exclusive().Then("alice", 10m, max: 20m);

        lot.Bid("alice", 10m, max: 30m, at: Lots.EndsAt).ShouldBeRejected(BidRejectionCode.LotClosed);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-10.50")]
    [InlineData("0")]
    [InlineData("10.005")]
    [InlineData("0.001")]
    [InlineData("12.3456")]
    public void Amount_that_is_not_positive_or_has_more_than_two_decimals_is_Invalid(string amount)
    {
        var value = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture);

        Lots.Exclusive().Bid("alice", value).ShouldBeRejected(BidRejectionCode.Invalid);
    }

    [Fact]
    public void Amount_with_trailing_zeros_is_on_the_cent_grid()
    {
        Lots.Exclusive(reserve: 10m).Bid("alice", 10.500m).ShouldBeAccepted();
    }

    [Fact]
    public void Maximum_below_the_amount_is_Invalid()
    {
        Lots.Exclusive().Bid("alice", 15m, max: 14.99m).ShouldBeRejected(BidRejectionCode.Invalid);
    }

    [Fact]
    public void Maximum_with_three_decimals_is_Invalid()
    {
        Lots.Exclusive().Bid("alice", 15m, max: 20.001m).ShouldBeRejected(BidRejectionCode.Invalid);
    }

    [Fact]
    public void Maximum_equal_to_the_amount_is_accepted()
    {
        var after = Lots.Exclusive().Then("alice", 15m, max: 15m);

        Assert.Equal(15m, after.Of("alice").MaxAmount);
    }

    [Fact]
    public void Invalid_maximum_is_rejected_for_a_leader_too()
    {
        var lot = Lots.Exclusive().Then("alice", 10m, max: 20m);

        lot.Bid("alice", 10m, max: 30.555m).ShouldBeRejected(BidRejectionCode.Invalid);
    }
}
