using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Tests.Support;

namespace LeadMarket.Domain.Tests.Auctions;

/// <summary><see cref="LotState.Leaders"/> is picked in one pass; it must be exactly the first shares of the full ranking.</summary>
public class LeadersTests
{
    [Property(MaxTest = 500)]
    public void Leaders_are_the_first_shares_of_the_ranking_ties_included(PositiveInt sharesSeed, int[] seeds)
    {
        var shares = (sharesSeed.Get % 10) + 1;
        // Few distinct values, so equal maxima and equal sequences happen often.
        var standings = (seeds ?? []).Select((seed, i) => new Standing(
            $"buyer-{i}", 10m + Math.Abs(seed % 3), 10m + Math.Abs(seed % 4), Math.Abs(seed % 5), Math.Abs((seed / 7) % 3))).ToImmutableArray();
        var lot = Lots.Shared(shares) with { Standings = standings };

        Assert.Equal(lot.Ranked.Take(shares).ToList(), lot.Leaders);
    }

    [Property(MaxTest = 500)]
    public void A_buyer_leads_exactly_when_ranked_within_the_shares(PositiveInt sharesSeed, int[] seeds)
    {
        var shares = (sharesSeed.Get % 10) + 1;
        var standings = (seeds ?? []).Select((seed, i) => new Standing(
            $"buyer-{i % 4}-{i}", 10m + Math.Abs(seed % 3), 10m + Math.Abs(seed % 4), Math.Abs(seed % 5), Math.Abs((seed / 7) % 3))).ToImmutableArray();
        var lot = Lots.Shared(shares) with { Standings = standings };

        var top = lot.Ranked.Take(shares).Select(s => s.BuyerId).ToHashSet();
        Assert.All(standings, s => Assert.Equal(top.Contains(s.BuyerId), lot.IsLeading(s.BuyerId)));
        Assert.False(lot.IsLeading("no-standing"));
        Assert.Null(lot.StandingOf("no-standing"));
    }

    [Fact]
    public void Leaders_keep_the_earlier_standing_first_when_all_rank_keys_are_equal()
    {
        var first = new Standing("first", 12m, 15m, 3, 3);
        var second = new Standing("second", 12m, 15m, 3, 3);
        var lot = Lots.Exclusive() with { Standings = [first, second] };

        Assert.Equal([first], lot.Leaders);
    }

    [Fact]
    public void A_state_made_with_new_standings_picks_its_own_leaders_not_the_cached_ones_of_its_source()
    {
        var early = new Standing("early", 12m, 15m, 1, 1);
        var late = new Standing("late", 20m, 30m, 2, 2);
        var before = Lots.Exclusive() with { Standings = [early] };
        Assert.Equal([early], before.Leaders);

        var after = before with { Standings = [early, late] };

        Assert.Equal([late], after.Leaders);
        Assert.Equal([early], before.Leaders);
    }

    [Fact]
    public void States_with_equal_members_are_equal_whether_or_not_their_leaders_were_asked_for()
    {
        var standing = new Standing("a", 12m, 15m, 1, 1);
        var asked = Lots.Exclusive() with { Standings = [standing] };
        var notAsked = asked with { };
        _ = asked.Leaders;

        Assert.Equal(asked, notAsked);
        Assert.Equal(asked.GetHashCode(), notAsked.GetHashCode());
    }
}
