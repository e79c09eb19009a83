using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

/// <summary>Only exclusive lots (for rules that are stated for one winner).</summary>
public static class ExclusiveScenarios
{
    public static Arbitrary<AuctionScenario> Scenarios() => Arb.From(AuctionScenarios.Exclusive(), _ => []);
}

/// <summary>
/// Random runs of bids by random buyers on exclusive and shared lots (see <see cref="AuctionScenarios"/>); the
/// invariants are checked after every decision.
/// </summary>
public class AuctionPropertyTests
{
    private const int Runs = 300;

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Every_decision_follows_the_acceptance_rules(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var expected = AuctionRun.ExpectedRejection(o);
            if (expected is { } code)
            {
                var rejected = Assert.IsType<BidDecision.Rejected>(o.Decision);
                Assert.Equal(code, rejected.Reason.Code);
                Assert.False(string.IsNullOrWhiteSpace(rejected.Reason.Message));
            }
            else
            {
                Assert.IsType<BidDecision.Accepted>(o.Decision);
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Sequence_equals_the_number_of_visible_bids_produced_so_far(AuctionScenario scenario)
    {
        var result = AuctionRun.Play(scenario, o =>
        {
            Assert.Equal(o.VisibleBidsSoFar, o.After.Sequence);
            if (o.Decision is BidDecision.Accepted accepted)
            {
                var expected = Enumerable.Range(1, accepted.Bids.Length).Select(k => o.Before.Sequence + k);
                Assert.Equal(expected, accepted.Bids.Select(b => b.Sequence));
            }
        });

        Assert.Equal(result.VisibleBids, result.Lot.Sequence);
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Leaders_never_outnumber_the_shares_and_each_buyer_has_one_standing(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            Assert.True(lot.Leaders.Count <= lot.Terms.Shares);
            Assert.Equal(Math.Min(lot.Terms.Shares, lot.Standings.Length), lot.Leaders.Count);
            Assert.Equal(lot.Standings.Length, lot.Standings.Select(s => s.BuyerId).Distinct().Count());
            Assert.Equal(lot.Terms.Shares - lot.Leaders.Count, lot.SharesLeft);
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Leaders_visible_amounts_are_at_least_every_non_leaders_amount(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            var leaders = lot.Leaders.Select(l => l.BuyerId).ToHashSet();
            var others = lot.Standings.Where(s => !leaders.Contains(s.BuyerId)).ToList();
            if (others.Count == 0)
            {
                return;
            }

            Assert.True(lot.Leaders.Min(l => l.Amount) >= others.Max(s => s.Amount), $"leaders below an outbid buyer after step {o.Index}");
            Assert.True(lot.Leaders.Min(l => l.MaxAmount) >= others.Max(s => s.MaxAmount), $"a higher maximum lost its share after step {o.Index}");
            Assert.All(others, s => Assert.Equal(s.MaxAmount, s.Amount));
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Highest_visible_bid_never_decreases(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            if (o.Before.HighestBid is { } before)
            {
                Assert.True(o.After.HighestBid >= before, $"highest bid fell from {before} to {o.After.HighestBid} at step {o.Index}");
            }

            if (o.Decision is BidDecision.Accepted accepted)
            {
                Assert.Equal(accepted.Bids.Select(b => b.Amount).Order(), accepted.Bids.Select(b => b.Amount));
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Every_visible_amount_lies_between_the_reserve_and_its_maximum_on_the_cent_grid(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            foreach (var s in o.After.Standings)
            {
                Assert.True(s.Amount <= s.MaxAmount, $"{s} shows more than its maximum");
                Assert.True(s.Amount >= o.After.Terms.ReservePrice, $"{s} is below the reserve");
                Assert.True(AuctionRun.OnCentGrid(s.Amount) && AuctionRun.OnCentGrid(s.MaxAmount), $"{s} is off the cent grid");
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Exposure_changes_add_up_to_what_the_leaders_reserve(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            var buyers = Enumerable.Range(0, scenario.CreditLimitCents.Count).Select(AuctionRun.BuyerId).ToList();

            Assert.Equal(buyers.Sum(lot.ReservedBy), o.ExposureTotals.Values.Sum());
            foreach (var buyer in buyers)
            {
                Assert.Equal(lot.ReservedBy(buyer), o.ExposureTotals.GetValueOrDefault(buyer));
                Assert.True(lot.ReservedBy(buyer) * 100 <= scenario.CreditLimitCents[int.Parse(buyer["buyer-".Length..], System.Globalization.CultureInfo.InvariantCulture)], $"{buyer} reserves more than their credit");
            }

            if (o.Decision is BidDecision.Accepted accepted)
            {
                Assert.DoesNotContain(accepted.ExposureChanges, c => c.Delta == 0);
                Assert.Equal(accepted.ExposureChanges.Length, accepted.ExposureChanges.Select(c => c.BuyerId).Distinct().Count());
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Leaders_proxies_bid_only_as_far_as_needed(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            var increment = lot.Terms.Increment;
            var ranked = lot.Ranked.ToList();
            decimal? threshold = ranked.Count > lot.Terms.Shares ? ranked[lot.Terms.Shares].MaxAmount : null;

            foreach (var leader in lot.Leaders)
            {
                var own = o.LastOwnAmount[leader.BuyerId];
                if (threshold is not { } t)
                {
                    Assert.Equal(own, leader.Amount);
                    continue;
                }

                var needed = Math.Min(leader.MaxAmount, t + increment);
                Assert.True(leader.Amount <= Math.Max(own, needed), $"{leader} bids more than needed over {t} at step {o.Index}");
                if (o.Decision is BidDecision.Accepted { MaximumOnly: false })
                {
                    Assert.True(leader.Amount >= needed, $"{leader} is not one increment above {t} at step {o.Index}");
                }
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Produced_bids_describe_the_new_state(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            if (o.Decision is not BidDecision.Accepted accepted)
            {
                return;
            }

            var bidder = o.Attempt.BuyerId;
            Assert.Equal(accepted.After.IsLeading(bidder), accepted.BidderLeads);
            Assert.Equal(o.RequestedMax, accepted.After.Of(bidder).MaxAmount);
            Assert.Same(o.Before, accepted.Before);

            if (accepted.MaximumOnly)
            {
                Assert.True(o.Before.IsLeading(bidder));
                Assert.Equal(o.Before.Sequence, accepted.After.Sequence);
                Assert.Equal(o.Before.EndsAt, accepted.After.EndsAt);
                Assert.False(accepted.Extended);
                Assert.Equal(o.Before.Of(bidder).Amount, accepted.After.Of(bidder).Amount);
                return;
            }

            Assert.Single(accepted.Bids, b => b.BuyerId == bidder && !b.IsProxy);
            Assert.All(accepted.Bids, b => Assert.Equal(b.BuyerId != bidder, b.IsProxy));
            Assert.Equal(accepted.Bids.Length, accepted.Bids.Select(b => b.BuyerId).Distinct().Count());
            Assert.All(accepted.Bids, b =>
            {
                Assert.Equal(accepted.After.Of(b.BuyerId).Amount, b.Amount);
                Assert.Equal(b.Sequence, accepted.After.Of(b.BuyerId).AmountSequence);
            });

            var extends = o.Before.EndsAt - o.Now < o.Before.Terms.AntiSnipingWindow;
            Assert.Equal(extends, accepted.Extended);
            Assert.Equal(extends ? o.Now + o.Before.Terms.AntiSnipingWindow : o.Before.EndsAt, accepted.After.EndsAt);
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(ExclusiveScenarios)])]
    public void Exclusive_lot_is_led_by_the_highest_maximum_set_earliest(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            if (lot.Standings.IsEmpty)
            {
                return;
            }

            var expected = lot.Standings
                .OrderByDescending(s => s.MaxAmount)
                .ThenBy(s => o.MaxSetAtStep[s.BuyerId])
                .First();
            Assert.Equal(expected.BuyerId, Assert.Single(lot.Leaders).BuyerId);
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Leaders_are_the_highest_maxima_and_at_equal_maxima_the_ones_set_earliest(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            var lot = o.After;
            var expected = lot.Standings
                .OrderByDescending(s => s.MaxAmount)
                .ThenBy(s => o.MaxSetAtStep[s.BuyerId])
                .Take(lot.Terms.Shares)
                .Select(s => s.BuyerId)
                .Order();
            Assert.Equal(expected, lot.Leaders.Select(l => l.BuyerId).Order());
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Settlement_after_any_run_sells_to_the_leaders_at_their_own_amounts(AuctionScenario scenario)
    {
        var result = AuctionRun.Play(scenario, _ => { });
        var lot = result.Lot;
        var end = result.Now > lot.EndsAt ? result.Now : lot.EndsAt;

        if (end > lot.EndsAt.AddTicks(1) || lot.EndsAt > result.Now)
        {
            Assert.Throws<InvalidOperationException>(() => Auction.Settle(lot, lot.EndsAt.AddTicks(-1)));
        }

        var settlement = Auction.Settle(lot, end);

        Assert.Equal(LotStatus.Closed, settlement.Closed.Status);
        Assert.Equal(lot.Standings.IsEmpty ? LotOutcome.Unsold : LotOutcome.Sold, settlement.Outcome);
        Assert.True(settlement.Winners.Length <= lot.Terms.Shares);
        Assert.Equal(Math.Min(lot.Terms.Shares, lot.Standings.Length), settlement.Winners.Length);
        Assert.Equal(settlement.Winners.Length, settlement.Winners.Select(w => w.BuyerId).Distinct().Count());
        Assert.All(settlement.Winners, w =>
        {
            var standing = lot.Of(w.BuyerId);
            Assert.Equal(standing.Amount, w.Price);
            Assert.Equal(standing.MaxAmount, w.Reserved);
            Assert.True(w.Price <= w.Reserved);
            Assert.True(lot.IsLeading(w.BuyerId));
        });

        Assert.Throws<InvalidOperationException>(() => Auction.Settle(settlement.Closed, end));
        settlement.Closed.Bid(AuctionRun.BuyerId(0), lot.MinimumBid, at: end).ShouldBeRejected(BidRejectionCode.LotClosed);
    }
}
