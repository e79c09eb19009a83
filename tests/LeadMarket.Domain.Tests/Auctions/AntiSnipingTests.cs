using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

public class AntiSnipingTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(30);

    [Fact]
    public void Bid_within_the_window_moves_the_end_to_now_plus_the_window()
    {
        var now = Lots.EndsAt.AddSeconds(-10);

        var accepted = Lots.Exclusive(antiSniping: Window).Bid("alice", 10m, at: now).ShouldBeAccepted();

        Assert.True(accepted.Extended);
        Assert.Equal(now + Window, accepted.After.EndsAt);
    }

    [Fact]
    public void Bid_in_the_last_tick_extends_by_a_full_window()
    {
        var now = Lots.EndsAt.AddTicks(-1);

        var accepted = Lots.Exclusive(antiSniping: Window).Bid("alice", 10m, at: now).ShouldBeAccepted();

        Assert.True(accepted.Extended);
        Assert.Equal(now + Window, accepted.After.EndsAt);
    }

    [Fact]
    public void Bid_outside_the_window_leaves_the_end_alone()
    {
        var now = Lots.EndsAt.AddSeconds(-31);

        var accepted = Lots.Exclusive(antiSniping: Window).Bid("alice", 10m, at: now).ShouldBeAccepted();

        Assert.False(accepted.Extended);
        Assert.Equal(Lots.EndsAt, accepted.After.EndsAt);
    }

    [Fact]
    public void Bid_exactly_one_window_before_the_end_does_not_extend()
    {
        var accepted = Lots.Exclusive(antiSniping: Window).Bid("alice", 10m, at: Lots.EndsAt - Window).ShouldBeAccepted();

        Assert.False(accepted.Extended);
        Assert.Equal(Lots.EndsAt, accepted.After.EndsAt);
    }

    [Fact]
    public void Zero_window_never_extends()
    {
        var accepted = Lots.Exclusive(antiSniping: TimeSpan.Zero).Bid("alice", 10m, at: Lots.EndsAt.AddTicks(-1)).ShouldBeAccepted();

        Assert.False(accepted.Extended);
        Assert.Equal(Lots.EndsAt, accepted.After.EndsAt);
    }

    [Fact]
    public void Late_bid_outbid_at_once_by_a_proxy_still_extends()
    {
        var lot = Lots.Exclusive(antiSniping: Window).Then("alice", 10m, max: 50m);
        var now = Lots.EndsAt.AddSeconds(-5);

        var accepted = lot.Bid("bob", 12m, at: now).ShouldBeAccepted();

        Assert.False(accepted.BidderLeads);
        Assert.True(accepted.Extended);
        Assert.Equal(now + Window, accepted.After.EndsAt);
    }

    [Fact]
    public void Raising_only_a_maximum_in_the_window_does_not_extend()
    {
        var lot = Lots.Exclusive(antiSniping: Window).Then("alice", 10m, max: 20m);

        var accepted = lot.Bid("alice", 10m, max: 30m, at: Lots.EndsAt.AddSeconds(-5)).ShouldBeAccepted();

        Assert.True(accepted.MaximumOnly);
        Assert.False(accepted.Extended);
        Assert.Equal(Lots.EndsAt, accepted.After.EndsAt);
    }

    [Fact]
    public void Extended_lot_takes_bids_until_its_new_end_and_none_after()
    {
        var first = Lots.EndsAt.AddSeconds(-10);
        var lot = Lots.Exclusive(antiSniping: Window).Bid("alice", 10m, at: first).ShouldBeAccepted().After;

        var late = lot.Bid("bob", 11m, at: Lots.EndsAt.AddSeconds(15)).ShouldBeAccepted();
        Assert.True(late.Extended);
        Assert.Equal(Lots.EndsAt.AddSeconds(45), late.After.EndsAt);

        late.After.Bid("carol", 12m, at: Lots.EndsAt.AddSeconds(45)).ShouldBeRejected(BidRejectionCode.LotClosed);
    }
}
