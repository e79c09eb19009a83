using System.Reflection;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Components;

/// <summary>The quick bid on a lot card, against the real market.</summary>
[Collection(MarketCollection.Name)]
public sealed class LotCardBidTests(MarketFixture market) : BunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public override Task InitializeAsync()
    {
        UseMarket(market.App);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Bid_form_shows_the_servers_reason_when_a_bid_is_too_low()
    {
        RenderInteractively();
        var lot = await market.ListLotAsync(MarketFixture.Lead(), reserve: 20m);
        var buyer = await market.App.UserIdAsync("buyer1");
        BidOutcome? told = null;
        var cut = RenderCard(new LiveLot(lot, null), new LotCardContext(buyer, default, new EventCallback<BidOutcome>(null, (Action<BidOutcome>)(o => told = o))));

        Assert.Contains("Minimum €20.00", cut.Markup, StringComparison.Ordinal);
        Amount(cut).Input("5");
        BidButton(cut).Click();

        cut.WaitForAssertion(() =>
        {
            var shown = ResultText(cut);
            Assert.Contains("too low", shown, StringComparison.Ordinal);
            // The reason as the reader's resources write it, amounts as the page writes them.
            Assert.Contains("Bid €5.00 is too low: the minimum bid is €20.00.", shown, StringComparison.Ordinal);
        }, Patience);
        Assert.NotNull(told);
        Assert.False(told.Result.Accepted);
        Assert.Equal(BidRejectionCode.TooLow, told.Result.Rejection?.Code);
    }

    [Fact]
    public async Task Bid_form_says_the_viewer_leads_after_an_accepted_bid()
    {
        var (cut, lot, buyer) = await RenderListedLotFormAsync(reserve: 20m);

        // The amount is prefilled with the minimum; a hidden maximum, behind its toggle, bids on for the viewer.
        Assert.Equal("20.00", Amount(cut).GetAttribute("value"));
        Assert.Null(Labelled(cut, "Maximum"));
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Set a maximum").Click();
        Labelled(cut, "Maximum")!.Input("30");
        Assert.Contains("hidden from others", cut.Markup, StringComparison.Ordinal);
        BidButton(cut).Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "You lead at €20.00, with your maximum of €30.00 bidding for you.",
            ResultText(cut)), Patience);
        var position = await market.Services.GetRequiredService<RoomQueries>().GetPositionAsync(lot.LotId, buyer);
        Assert.Equal(new MyLotPosition(lot.LotId, MyLotStatus.Leading, 20m, 30m), position);
    }

    [Fact]
    public async Task The_answer_stays_while_the_card_still_shows_the_lot_before_the_bid_and_goes_once_the_lot_moves_past_it()
    {
        var (cut, lot, _) = await RenderListedLotFormAsync(reserve: 20m);
        var live = cut.Instance.Live;
        BidButton(cut).Click();
        cut.WaitForAssertion(() => Assert.StartsWith("You lead at €20.00", ResultText(cut), StringComparison.Ordinal), Patience);
        Assert.Contains("bid-answer-success", cut.Find(".bid-result").ClassList);

        // The page re-renders the card before the bid's own event has reached it: the lot as it was.
        live.Lot = lot with { };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.StartsWith("You lead at €20.00", ResultText(cut), StringComparison.Ordinal);

        // The event arrives (the minimum the answer told), then someone outbids (the minimum rises past it).
        live.Lot = lot with { MinimumBid = 20.50m, CurrentPrice = 20m, Sequence = 1, BidCount = 1 };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.StartsWith("You lead", ResultText(cut), StringComparison.Ordinal);
        live.Lot = lot with { MinimumBid = 21.50m, CurrentPrice = 21m, Sequence = 2, BidCount = 2 };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.Equal("", ResultText(cut));
        Assert.Equal("bid-result", cut.Find(".bid-result").ClassName);
    }

    [Fact]
    public void Bid_button_is_disabled_until_the_page_is_interactive()
    {
        SetRendererInfo(new RendererInfo("Static", isInteractive: false));
        var cut = RenderCard(new LiveLot(Lot(12.5m), null), new LotCardContext("someone", default, default));

        Assert.True(BidButton(cut).HasAttribute("disabled"));
        Assert.True(Amount(cut).HasAttribute("disabled"));
        Assert.Contains("Minimum €12.50", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14.50", 14.50)]
    [InlineData(" 14,5 ", 14.5)]
    [InlineData("20", 20.0)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    public void Typed_amounts_are_read_with_a_point_or_a_comma(string typed, double? expected) =>
        Assert.Equal(expected is { } e ? (decimal)e : null, LotCard.Parse(typed));

    [Fact]
    public void Accepted_bid_that_a_proxy_outbids_at_once_is_told_as_such()
    {
        var result = new PlaceBidResult(true, null, Guid.NewGuid(), 25m, 26m, false, DateTimeOffset.UtcNow, 4);
        var answer = LotCard.Describe(result, null, "EUR", TestTexts.Bid, r => r.Message);
        Assert.Equal("Accepted, but outbid at once by a proxy bid. The minimum is now €26.00.", answer.Text);
    }

    [Fact]
    public async Task Bid_form_follows_the_minimum_until_the_viewer_types_an_amount()
    {
        RenderInteractively();
        var lot = Lot(12.5m);
        var live = new LiveLot(lot, null);
        var cut = RenderCard(live, new LotCardContext("someone", default, default));
        Assert.Equal("12.50", Amount(cut).GetAttribute("value"));

        live.Lot = lot with { MinimumBid = 13m, Sequence = 1 };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.Equal("13.00", Amount(cut).GetAttribute("value"));
        Assert.Contains("Minimum €13.00", cut.Markup, StringComparison.Ordinal);

        // Typing renders nothing (the browser shows what was typed); the next render keeps it.
        var renders = cut.RenderCount;
        await Amount(cut).InputAsync(new() { Value = "20" });
        Assert.Equal(renders, cut.RenderCount);
        live.Lot = lot with { MinimumBid = 13.5m, Sequence = 2 };
        cut.Render(p => p.Add(c => c.Live, live));
        Assert.Equal("20", Amount(cut).GetAttribute("value"));
    }

    [Fact]
    public void Bid_form_labels_its_inputs_and_announces_answers()
    {
        RenderInteractively();
        var cut = RenderCard(new LiveLot(Lot(12.5m), null), new LotCardContext("someone", default, default));

        Assert.NotNull(Labelled(cut, "Your bid"));
        // The visible caption is hidden from assistive technology, which reads the input's own label instead.
        Assert.Equal("true", cut.Find(".bid-field-label").GetAttribute("aria-hidden"));
        // A button in a form submits it unless it says otherwise (Enter sends the bid); the toggle says otherwise.
        Assert.Equal("submit", ((IHtmlButtonElement)BidButton(cut)).Type);
        Assert.Equal("button", cut.FindAll("form button").Single(b => b.TextContent.Trim() == "Set a maximum").GetAttribute("type"));
        Assert.NotNull(BidButton(cut).Closest("form.bid-form"));
        // role=status is a polite live region by definition (WAI-ARIA), so answers are read out without interrupting.
        Assert.Equal("status", cut.Find(".bid-result").GetAttribute("role"));
    }

    [Fact]
    public async Task An_open_card_with_its_bid_form_the_viewers_position_and_an_answer_keeps_within_32_render_frames()
    {
        // A circuit keeps a buffer of 32 render frames per component (the next size is 64): every card of every open
        // room page holds one for as long as the page is open.
        var (cut, lot, _) = await RenderListedLotFormAsync(reserve: 20m);
        var live = cut.Instance.Live;
        live.Mine = new MyLotPosition(lot.LotId, MyLotStatus.Outbid, 19m, null);
        live.Lot = lot with { };
        cut.Render(p => p.Add(c => c.Live, live));
        await Amount(cut).InputAsync(new() { Value = "5" });
        BidButton(cut).Click();
        cut.WaitForAssertion(() => Assert.Contains("too low", ResultText(cut), StringComparison.Ordinal), Patience);
        Assert.Equal("Outbid", cut.Find("[data-testid=my-state]").TextContent);

        Assert.InRange(Frames(cut), 1, 32);
    }

    /// <summary>An interactive card for a lot listed in the real market, bid from as buyer1.</summary>
    private async Task<(IRenderedComponent<LotCard> Cut, LotView Lot, string Buyer)> RenderListedLotFormAsync(decimal reserve)
    {
        RenderInteractively();
        var lot = await market.ListLotAsync(MarketFixture.Lead(), reserve: reserve);
        var buyer = await market.App.UserIdAsync("buyer1");
        var cut = RenderCard(new LiveLot(lot, null), new LotCardContext(buyer, default, default));
        return (cut, lot, buyer);
    }

    /// <summary>The frames of the card's current render tree (the renderer keeps them; no public API shows them).</summary>
    private int Frames(IRenderedComponent<LotCard> cut)
    {
        var frames = Renderer.GetType().GetMethods(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .FirstOrDefault(m => m.Name == "GetCurrentRenderTreeFrames" && m.GetParameters() is [{ ParameterType: var id }] && id == typeof(int))
            ?? throw new MissingMethodException("Renderer", "GetCurrentRenderTreeFrames");
        // An ArrayRange<RenderTreeFrame>, read by reflection too: the framework's render-tree types are not for use outside it.
        var range = frames.Invoke(Renderer, [cut.ComponentId])!;
        return (int)range.GetType().GetField("Count")!.GetValue(range)!;
    }

    private static string ResultText(IRenderedComponent<LotCard> cut) => cut.Find(".bid-result").TextContent.Trim();

    private static IElement Amount(IRenderedComponent<LotCard> cut) => Labelled(cut, "Your bid") ?? throw new ElementNotFoundException("Your bid");

    /// <summary>The input named <paramref name="label"/> (by its aria-label; its visible caption is aria-hidden).</summary>
    private static IElement? Labelled(IRenderedComponent<LotCard> cut, string label) =>
        cut.FindAll("input").FirstOrDefault(i => i.GetAttribute("aria-label") == label);

    private static LotView Lot(decimal minimum) => LotCardTests.Card(DateTimeOffset.UtcNow) with { MinimumBid = minimum, ReservePrice = minimum };

    private static IElement BidButton(IRenderedComponent<LotCard> cut) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Bid");
}
