using System.Text.RegularExpressions;
using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed partial class LotCardTests : BunitTest
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly MarketFixture market;
    private readonly FakeTimeProvider clock = new(Now);

    public LotCardTests(MarketFixture market) => this.market = market;

    public override Task InitializeAsync()
    {
        // The card bids through the market's services; its clocks read the test's.
        UseMarket(market.App);
        Services.AddSingleton<TimeProvider>(clock);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Lot_card_shows_region_and_need_but_no_personal_data()
    {
        var lead = MarketFixture.Lead();
        var lot = await market.ListLotAsync(lead);

        var cut = RenderCard(new LiveLot(lot, null) { Bids = [] });
        cut.Find("article > button[aria-expanded]").Click();

        // Ids are random hex and could contain a digit run by chance; they are not personal data.
        var markup = Guid().Replace(cut.Markup, "");
        Assert.Contains("DE-80xxx", markup, StringComparison.Ordinal);
        Assert.Contains(lead.Need, markup, StringComparison.Ordinal);
        foreach (var personal in new[] { lead.FirstName, lead.LastName, lead.Email, lead.Phone, "5551234", lead.Street, "Leopold", lead.PostalCode, lead.City })
        {
            Assert.DoesNotContain(personal, markup, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Lot_card_without_bids_shows_the_reserve_and_the_time_left()
    {
        var lot = Card(Now) with { EndsAt = Now.AddSeconds(95) };

        var cut = RenderCard(new LiveLot(lot, null));

        Assert.Equal("no bids yet, reserve €20.00", cut.Find("[data-testid=lot-price]").TextContent.Trim());
        Assert.Equal("1:35", cut.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=my-state]"));
        Assert.Equal(lot.LotId.ToString(), cut.Find("[data-testid=lot-card]").GetAttribute("data-lot-id"));
    }

    [Fact]
    public void Countdown_carries_its_end_for_the_browser_clock_and_turns_urgent_in_the_last_seconds()
    {
        var lot = Card(Now) with { EndsAt = Now.AddSeconds(9.5) };

        var cut = RenderCard(new LiveLot(lot, null));

        var countdown = cut.Find("[data-testid=countdown]");
        Assert.Equal("2026-12-01T10:00:09.500Z", countdown.GetAttribute("data-ends-at"));
        Assert.Equal("0:10", countdown.TextContent.Trim());
        Assert.Contains("lot-countdown-urgent", countdown.ClassList);
        Assert.Equal("2026-12-01T09:55:00.000Z", cut.Find("[data-age-since]").GetAttribute("data-age-since"));
        Assert.Equal("5 min old", cut.Find("[data-age-since]").TextContent.Trim());
    }

    [Fact]
    public void Lot_card_shows_the_viewers_own_state_bid_and_maximum()
    {
        var lot = Card(Now) with { CurrentPrice = 24m, BidCount = 3, Sequence = 3 };

        var cut = RenderCard(new LiveLot(lot, new MyLotPosition(lot.LotId, MyLotStatus.Leading, 24m, 40m)));

        Assert.Equal("€24.00", cut.Find("[data-testid=lot-price]").TextContent.Trim());
        Assert.Equal("Leading", cut.Find("[data-testid=my-state]").TextContent.Trim());
        Assert.Contains("your maximum €40.00", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("3 bids", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("lot-card-leading", cut.Find("[data-testid=lot-card]").ClassList);
    }

    [Fact]
    public void Lot_card_shows_extended_only_for_a_while_after_anti_sniping()
    {
        var lot = Card(Now);

        var live = new LiveLot(lot, null) { ExtendedAt = Now.AddSeconds(-2) };
        var cut = RenderCard(live);

        // The browser hides the badge at that moment; a render after it leaves it out.
        var badge = cut.Find("[data-testid=extended]");
        Assert.Equal(LotCard.Iso(Now.AddSeconds(-2) + LotCard.ExtendedChipTime), badge.GetAttribute("data-shown-until"));

        clock.Advance(LotCard.ExtendedChipTime);
        live.Lot = lot with { BidCount = 1, Sequence = 1, CurrentPrice = 20m };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.Empty(cut.FindAll("[data-testid=extended]"));
    }

    [Fact]
    public void Closed_lot_shows_its_outcome_and_winners_instead_of_a_countdown_and_a_bid_form()
    {
        var lot = Card(Now) with { Status = LotStatus.Closed, Outcome = LotOutcome.Sold, CurrentPrice = 31m, BidCount = 4, Sequence = 4, SharesLeft = 0 };

        var cut = RenderCard(new LiveLot(lot, null) { WinnerAliases = ["Otter 0042"] }, new LotCardContext("someone", default, default));

        Assert.Equal("Sold", cut.Find("[data-testid=outcome]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=countdown]"));
        Assert.Empty(cut.FindAll("form"));
        Assert.Contains("Final price", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Won by Otter 0042", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_shared_lot_marks_the_viewers_own_alias_among_its_winners()
    {
        var lot = Card(Now) with { Status = LotStatus.Closed, Outcome = LotOutcome.Sold, SaleMode = SaleMode.Shared, Shares = 2, SharesLeft = 0, CurrentPrice = 31m };
        var (viewer, other) = ("buyer-viewer", "buyer-other");
        var (mine, theirs) = (BidderAlias.For(lot.LotId, viewer), BidderAlias.For(lot.LotId, other));

        var asWinner = RenderCard(new LiveLot(lot, null) { WinnerAliases = [theirs, mine] }, new LotCardContext(viewer, default, default));
        var asWatcher = RenderCard(new LiveLot(lot, null) { WinnerAliases = [theirs, mine] });

        Assert.Equal($"Won by {theirs}, {mine} (you)", asWinner.Find(".lot-winners").TextContent.Trim());
        Assert.Equal($"Won by {theirs}, {mine}", asWatcher.Find(".lot-winners").TextContent.Trim());
    }

    [Fact]
    public void Lot_card_renders_again_only_when_its_own_data_changed()
    {
        var lot = Card(Now);
        var live = new LiveLot(lot, null);
        var cut = RenderCard(live);
        var renders = cut.RenderCount;

        // The page re-renders for any event in the room and hands every card its (unchanged) values again.
        live.Lot = lot with { };
        cut.Render(p => p.Add(c => c.Live, live).Add(c => c.Context, LotCardContext.Watching));
        Assert.Equal(renders, cut.RenderCount);

        live.Lot = lot with { CurrentPrice = 20m, MinimumBid = 21m, BidCount = 1, Sequence = 1 };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.Equal(renders + 1, cut.RenderCount);
        Assert.Equal("€20.00", cut.Find("[data-testid=lot-price]").TextContent.Trim());
    }

    [Fact]
    public void Bid_history_is_not_rendered_until_the_viewer_opens_it()
    {
        var lot = Card(Now);
        Guid? wanted = null;
        var live = new LiveLot(lot, null);
        var cut = RenderCard(live, new LotCardContext(null, new EventCallback<Guid>(null, (Action<Guid>)(id => wanted = id)), default));
        Assert.Empty(cut.FindAll("[data-testid=bid-history]"));
        Assert.DoesNotContain("Loading bids", cut.Markup, StringComparison.Ordinal);

        cut.Find("article > button").Click();

        Assert.Equal(lot.LotId, wanted);
        Assert.Equal("true", cut.Find("article > button").GetAttribute("aria-expanded"));
        Assert.Contains("Loading bids", cut.Markup, StringComparison.Ordinal);

        live.Bids = [new BidView(1, "Otter 0042", 20m, true, Now)];
        cut.Render(p => p.Add(c => c.Live, live));
        var history = cut.Find("[data-testid=bid-history]");
        Assert.Contains("Otter 0042", history.TextContent, StringComparison.Ordinal);
        Assert.Contains("proxy", history.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(95.2, "1:36")]
    [InlineData(9, "0:09")]
    [InlineData(3 * 3600 + 5, "3:00:05")]
    [InlineData(2 * 86400 + 3 * 3600, "2d 3h")]
    [InlineData(0, "Closing…")]
    public void Countdown_reads_as_minutes_and_seconds(double seconds, string expected) =>
        Assert.Equal(expected, LotCard.Countdown(TimeSpan.FromSeconds(seconds), TestTexts.Bid));

    internal static LotView Card(DateTimeOffset now) => new(
        System.Guid.NewGuid(), System.Guid.NewGuid(), "Solar", "DE-80xxx", "Quote for a 10 kWp solar roof", "de", 81,
        [new ScoreFactor("Double opt-in confirmed", 30, 30), new ScoreFactor("Phone number given", 15, 15)], true, now.AddMinutes(-5), SaleMode.Exclusive, 1, 1, 20m, 1m,
        null, 20m, 0, now.AddMinutes(5), 0, LotStatus.Open, LotOutcome.None, "EUR");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
