using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed class LotCardMarkupTests(MarketFixture market) : BunitTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public override Task InitializeAsync()
    {
        UseMarket(market.App);
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        return Task.CompletedTask;
    }

    [Fact]
    public void A_publishers_text_is_shown_as_text_never_as_markup()
    {
        var lot = LotCardTests.Card(Now) with
        {
            Need = "<script>alert(1)</script> & <b>\"cheap\"</b> 'roof'",
            Region = "DE-80xxx <i>",
            ScoreFactors = [new ScoreFactor("Phone \"given\" <x>", 15, 15)],
        };

        var cut = RenderCard(new LiveLot(lot, null));

        Assert.Equal(lot.Need, cut.Find("h3.lot-need").TextContent);
        Assert.Empty(cut.FindAll("article script"));
        Assert.Empty(cut.FindAll("article b, article i, article x"));
        Assert.Equal("Solar · DE-80xxx <i>", cut.Find(".lot-kicker").TextContent);
        Assert.Equal("Score 81 of 100\nPhone \"given\" <x>: 15 / 15", cut.Find(".lot-facts li").GetAttribute("title"));
    }

    [Fact]
    public void Circuits_showing_the_same_lot_state_share_its_markup_and_a_new_state_builds_new_markup()
    {
        using var markup = new LotCardMarkup();
        var lot = LotCardTests.Card(Now);

        var first = markup.For(lot, Now);
        // Another circuit's copy of the same state, rendered a little later: equal values, other instances (as read
        // from the store). Its clocks read as when the state was first built; the browser moves them on.
        var copy = lot with { Need = new string(lot.Need.ToCharArray()) };
        Assert.Same(first, markup.For(copy, Now.AddSeconds(3)));

        var bidOn = markup.For(lot with { CurrentPrice = 24m, BidCount = 1, Sequence = 1, MinimumBid = 25m }, Now.AddSeconds(3));
        Assert.NotSame(first, bidOn);
        Assert.Contains("€24.00", bidOn.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("1 bid<br>", bidOn.Summary.Value, StringComparison.Ordinal);
        Assert.Contains(">4:57</span>", bidOn.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("Minimum €25.00", bidOn.Minimum.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_lot_shows_its_outcome_and_final_price_in_the_shared_part()
    {
        var closed = LotCardTests.Card(Now) with
        {
            Status = LotStatus.Closed, Outcome = LotOutcome.Sold, CurrentPrice = 30m, BidCount = 3, SaleMode = SaleMode.Shared, Shares = 3, SharesLeft = 1,
        };

        using var markup = new LotCardMarkup();
        var parts = markup.Build(closed, Now);

        Assert.Contains("data-testid=\"outcome\">Sold</span>", parts.Summary.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("countdown", parts.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("Final price", parts.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("2 of 3 shares sold", parts.Summary.Value, StringComparison.Ordinal);
        Assert.Contains(">Shared 3</li>", parts.Summary.Value, StringComparison.Ordinal);
    }
}
