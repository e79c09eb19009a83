using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class ProxyBiddingTests
{
    [Fact]
    public void Exclusive_tie_goes_to_the_earlier_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 20m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Equal(["alice"], accepted.After.LeaderIds());
        Assert.Equal(20m, accepted.After.Of("alice").Amount);
        Assert.Equal(20m, accepted.After.Of("bob").Amount);
    }

    [Fact]
    public void Exclusive_tie_between_two_proxy_maxima_goes_to_the_earlier_one()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 30m);

        var accepted = lot.Bid("bob", 12m, max: 30m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Equal(["alice"], accepted.After.LeaderIds());
        Assert.Equal(30m, accepted.After.Of("alice").Amount);
    }

    [Fact]
    public void Tied_buyer_must_beat_the_tie_by_an_increment()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m).Then("bob", 20m);

        lot.Bid("bob", 20.49m).ShouldBeRejected(BidRejectionCode.TooLow);
        var accepted = lot.Bid("bob", 20.5m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(["bob"], accepted.After.LeaderIds());
    }

    [Fact]
    public void Leaders_proxy_bids_only_one_increment_above_the_challengers_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 50m);

        var accepted = lot.Bid("bob", 12m, max: 14m).ShouldBeAccepted();

        Assert.Equal(14.5m, accepted.After.Of("alice").Amount);
        Assert.Equal(50m, accepted.After.Of("alice").MaxAmount);
    }

    [Fact]
    public void Leaders_proxy_answers_a_plain_bid_with_one_increment_more()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 50m);

        var accepted = lot.Bid("bob", 12m).ShouldBeAccepted();

        Assert.Equal(12.5m, accepted.After.Of("alice").Amount);
        Assert.Equal(12.5m, accepted.After.HighestBid);
    }

    [Fact]
    public void Leaders_proxy_is_capped_at_the_leaders_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 19.8m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Equal(20m, accepted.After.Of("alice").Amount);
        Assert.Equal(["alice"], accepted.After.LeaderIds());
    }

    [Fact]
    public void Outbid_challenger_gets_BidderLeads_false_and_a_proxy_bid_for_the_leader()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 15m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Equal(
            [new PlacedBid(2, "bob", 15m, IsProxy: false), new PlacedBid(3, "alice", 15.5m, IsProxy: true)],
            accepted.Bids.ToArray());
        Assert.Equal(3, accepted.After.Sequence);
    }

    [Fact]
    public void Outbid_challenger_is_pushed_to_its_own_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 30m);

        var accepted = lot.Bid("bob", 12m, max: 15m).ShouldBeAccepted();

        Assert.Equal(15m, accepted.After.Of("bob").Amount);
        Assert.Equal(15.5m, accepted.After.Of("alice").Amount);
        Assert.Contains(new PlacedBid(2, "bob", 15m, IsProxy: false), accepted.Bids);
    }

    [Fact]
    public void Challenger_beating_a_proxy_pays_one_increment_over_the_old_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 10.5m, max: 30m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(20.5m, accepted.After.Of("bob").Amount);
        Assert.Equal(30m, accepted.After.Of("bob").MaxAmount);
        Assert.Equal(20m, accepted.After.Of("alice").Amount);
    }

    [Fact]
    public void Challenger_beating_a_proxy_pays_at_most_its_own_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 10.5m, max: 20.2m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(20.2m, accepted.After.Of("bob").Amount);
    }

    [Fact]
    public void Challenger_beating_a_proxy_never_pays_less_than_its_own_bid()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 25m, max: 40m).ShouldBeAccepted();

        Assert.Equal(25m, accepted.After.Of("bob").Amount);
    }

    [Fact]
    public void Displaced_proxy_is_shown_at_its_maximum_before_the_new_leaders_bid()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 10.5m, max: 30m).ShouldBeAccepted();

        Assert.Equal(
            [new PlacedBid(2, "alice", 20m, IsProxy: true), new PlacedBid(3, "bob", 20.5m, IsProxy: false)],
            accepted.Bids.ToArray());
    }

    [Fact]
    public void Produced_bids_are_numbered_consecutively_after_the_lot_sequence()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m)
            .Then("alice", 10m)
            .Then("bob", 11m)
            .Then("alice", 12m, max: 40m);
        Assert.Equal(3, lot.Sequence);

        var accepted = lot.Bid("carol", 13m, max: 20m).ShouldBeAccepted();

        Assert.Equal([4L, 5L], accepted.Bids.Select(b => b.Sequence));
        Assert.Equal(5, accepted.After.Sequence);
        Assert.Equal(5, accepted.After.Of("alice").AmountSequence);
    }

    [Fact]
    public void Produced_bids_rise_in_amount()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("bob", 11m, max: 35m).ShouldBeAccepted();

        Assert.Equal(accepted.Bids.Select(b => b.Amount).Order(), accepted.Bids.Select(b => b.Amount));
    }

    [Fact]
    public void Leader_raising_only_the_maximum_yields_MaximumOnly_without_bids_or_sequence_step()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m).Then("bob", 12m);
        Assert.Equal(12.5m, lot.Of("alice").Amount);
        var sequence = lot.Sequence;

        var accepted = lot.Bid("alice", 13m, max: 30m).ShouldBeAccepted();

        Assert.True(accepted.MaximumOnly);
        Assert.Empty(accepted.Bids);
        Assert.True(accepted.BidderLeads);
        Assert.False(accepted.Extended);
        Assert.Equal(sequence, accepted.After.Sequence);
        Assert.Equal(lot.EndsAt, accepted.After.EndsAt);
        Assert.Equal(12.5m, accepted.After.Of("alice").Amount);
        Assert.Equal(30m, accepted.After.Of("alice").MaxAmount);
        Assert.Equal(lot.Of("bob"), accepted.After.Of("bob"));
    }

    [Fact]
    public void Leader_bidding_a_plain_amount_above_the_maximum_only_raises_the_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("alice", 25m).ShouldBeAccepted();

        Assert.True(accepted.MaximumOnly);
        Assert.Equal(10m, accepted.After.Of("alice").Amount);
        Assert.Equal(25m, accepted.After.Of("alice").MaxAmount);
    }

    [Fact]
    public void Raised_maximum_defends_the_lead_later()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m).Then("alice", 10m, max: 40m);

        var accepted = lot.Bid("bob", 30m).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.Equal(["alice"], accepted.After.LeaderIds());
        Assert.Equal(30.5m, accepted.After.Of("alice").Amount);
    }

    [Theory]
    [InlineData("10", null)]
    [InlineData("15", null)]
    [InlineData("20", null)]
    [InlineData("12", "20")]
    [InlineData("12", "19.99")]
    public void Leader_rebidding_without_a_higher_maximum_is_rejected_AlreadyLeading(string amount, string? max)
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m, max: 20m);
        var culture = System.Globalization.CultureInfo.InvariantCulture;

        var reason = lot.Bid("alice", decimal.Parse(amount, culture), max is null ? null : decimal.Parse(max, culture))
            .ShouldBeRejected(BidRejectionCode.AlreadyLeading);

        Assert.Contains(Bidding.Money(20m), reason.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leader_without_a_maximum_rebidding_the_same_amount_is_rejected_AlreadyLeading()
    {
        var lot = Lots.Exclusive(reserve: 10m).Then("alice", 10m);

        lot.Bid("alice", 10m).ShouldBeRejected(BidRejectionCode.AlreadyLeading);
    }

    [Fact]
    public void Outbid_buyer_can_bid_again_and_keeps_a_single_standing()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 0.5m).Then("alice", 10m).Then("bob", 11m);

        var accepted = lot.Bid("alice", 12m, max: 15m).ShouldBeAccepted();

        Assert.True(accepted.BidderLeads);
        Assert.Equal(2, accepted.After.Standings.Length);
        Assert.Single(accepted.After.Standings, s => s.BuyerId == "alice");
        Assert.Equal(12m, accepted.After.Of("alice").Amount);
        Assert.Equal(15m, accepted.After.Of("alice").MaxAmount);
    }

    [Fact]
    public void Highest_maximum_wins_a_bidding_war_at_one_increment_over_the_second_maximum()
    {
        var lot = Lots.Exclusive(reserve: 10m, increment: 1m)
            .Then("alice", 10m, max: 25m)
            .Then("bob", 11m, max: 18m)
            .Then("carol", 26m, max: 60m)
            .Then("bob", 27m, max: 40m);

        Assert.Equal(["carol"], lot.LeaderIds());
        Assert.Equal(41m, lot.Of("carol").Amount);
        Assert.Equal(40m, lot.Of("bob").Amount);
        Assert.Equal(25m, lot.Of("alice").Amount);
    }
}
