using System.Collections.Immutable;
using FsCheck.Xunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

/// <summary>
/// <see cref="Auction.Decide"/> keeps standings in rank order to decide in one pass; <see cref="ReferenceAuction"/>
/// sorts everything every time. Over random runs they must agree on every accepted new bid: the bids, the standings
/// after (in order), and the exposure changes (in order), also when a state's standings come in any order.
/// </summary>
public class AuctionEquivalenceTests
{
    private const int Runs = 300;

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Every_new_bid_is_decided_as_the_reference_decides_it(AuctionScenario scenario)
    {
        AuctionRun.Play(scenario, o =>
        {
            if (o.Decision is BidDecision.Accepted { MaximumOnly: false } accepted && !o.Before.IsLeading(o.Attempt.BuyerId))
            {
                AssertSame(ReferenceAuction.DecideNewBid(o.Before, o.Attempt), accepted);
            }
        });
    }

    [Property(MaxTest = Runs, Arbitrary = [typeof(AuctionScenarios)])]
    public void Standings_in_any_order_are_decided_as_the_reference_decides_them(AuctionScenario scenario, int seed)
    {
        var random = new Random(seed);
        AuctionRun.Play(scenario, o =>
        {
            if (o.Decision is not BidDecision.Accepted { MaximumOnly: false } || o.Before.IsLeading(o.Attempt.BuyerId))
            {
                return;
            }

            var shuffled = o.Before with { Standings = [.. o.Before.Standings.OrderBy(_ => random.Next())] };
            var decision = Assert.IsType<BidDecision.Accepted>(Auction.Decide(shuffled, o.Attempt, o.AvailableCredit, o.Now));
            AssertSame(ReferenceAuction.DecideNewBid(shuffled, o.Attempt), decision);
        });
    }

    [Fact]
    public void A_hot_lot_with_many_bidders_is_decided_as_the_reference_decides_it()
    {
        // Sixty-four buyers outbidding each other on one shared lot, as in the benchmark's rush.
        var lot = Lots.Shared(3);
        for (var i = 0; i < 2_000; i++)
        {
            var attempt = new BidAttempt($"buyer-{i % 64}", lot.MinimumBid + ((i % 5) * 0.10m), i % 7 == 0 ? lot.MinimumBid + 3m : null);
            var before = lot;
            var decision = Auction.Decide(before, attempt, 1_000_000m, Lots.Midway);
            if (decision is BidDecision.Accepted { MaximumOnly: false } accepted && !before.IsLeading(attempt.BuyerId))
            {
                AssertSame(ReferenceAuction.DecideNewBid(before, attempt), accepted);
            }

            if (decision is BidDecision.Accepted next)
            {
                lot = next.After;
            }
        }

        Assert.Equal(64, lot.Standings.Length);
    }

    private static void AssertSame((ImmutableArray<PlacedBid> Bids, ImmutableArray<Standing> Standings, ImmutableArray<ExposureChange> Changes) expected, BidDecision.Accepted actual)
    {
        // As arrays: an ImmutableArray equals another only when both wrap the same array.
        Assert.Equal(expected.Bids.ToArray(), actual.Bids.ToArray());
        Assert.Equal(expected.Standings.ToArray(), actual.After.Standings.ToArray());
        Assert.Equal(expected.Changes.ToArray(), actual.ExposureChanges.ToArray());
        Assert.Equal(expected.Bids.Length == 0 ? actual.Before.Sequence : expected.Bids[^1].Sequence, actual.After.Sequence);
    }
}
