using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed class BidFormTests(MarketFixture market) : BunitTest
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
        var cut = Render<BidForm>(p => p
            .Add(f => f.Lot, lot)
            .Add(f => f.BuyerId, buyer)
            .Add(f => f.OnPlaced, (BidOutcome o) => told = o));

        Assert.Contains("Minimum 20.00 EUR", cut.Markup, StringComparison.Ordinal);
        Amount(cut).Input("5");
        BidButton(cut).Click();

        cut.WaitForAssertion(() =>
        {
            var shown = cut.Find("[data-testid=bid-result]").TextContent;
            Assert.Contains("too low", shown, StringComparison.Ordinal);
            Assert.Contains(BidRejection.TooLow(5m, 20m).Message, shown, StringComparison.Ordinal);
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
        BidButton(cut).Click();

        cut.WaitForAssertion(() => Assert.Equal(
            "You lead at 20.00 EUR, with your maximum of 30.00 EUR bidding for you.",
            ResultText(cut)), Patience);
        var position = await market.Services.GetRequiredService<RoomQueries>().GetPositionAsync(lot.LotId, buyer);
        Assert.Equal(new MyLotPosition(lot.LotId, MyLotStatus.Leading, 20m, 30m), position);
    }

    [Fact]
    public async Task The_answer_stays_while_the_card_still_shows_the_lot_before_the_bid_and_goes_once_the_lot_moves_past_it()
    {
        var (cut, lot, buyer) = await RenderListedLotFormAsync(reserve: 20m);
        BidButton(cut).Click();
        cut.WaitForAssertion(() => Assert.StartsWith("You lead at 20.00 EUR", ResultText(cut), StringComparison.Ordinal), Patience);

        // The page re-renders the card before the bid's own event has reached it: the lot as it was.
        cut.Render(p => p.Add(f => f.Lot, lot));
        Assert.StartsWith("You lead at 20.00 EUR", ResultText(cut), StringComparison.Ordinal);

        // The event arrives (the minimum the answer told), then someone outbids (the minimum rises past it).
        cut.Render(p => p.Add(f => f.Lot, lot with { MinimumBid = 20.50m, CurrentPrice = 20m }));
        Assert.StartsWith("You lead", ResultText(cut), StringComparison.Ordinal);
        cut.Render(p => p.Add(f => f.Lot, lot with { MinimumBid = 21.50m, CurrentPrice = 21m }));
        Assert.Equal("", ResultText(cut));
    }

    [Fact]
    public void Bid_button_is_disabled_until_the_page_is_interactive()
    {
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", isInteractive: false));
        var cut = Render<BidForm>(p => p
            .Add(f => f.Lot, Lot(12.5m))
            .Add(f => f.BuyerId, "someone"));

        Assert.True(BidButton(cut).HasAttribute("disabled"));
        Assert.Contains("Minimum 12.50 EUR", cut.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("14.50", 14.50)]
    [InlineData(" 14,5 ", 14.5)]
    [InlineData("20", 20.0)]
    [InlineData("", null)]
    [InlineData("abc", null)]
    public void Typed_amounts_are_read_with_a_point_or_a_comma(string typed, double? expected) =>
        Assert.Equal(expected is { } e ? (decimal)e : null, BidForm.Parse(typed));

    [Fact]
    public void Accepted_bid_that_a_proxy_outbids_at_once_is_told_as_such()
    {
        var result = new PlaceBidResult(true, null, Guid.NewGuid(), 25m, 26m, false, DateTimeOffset.UtcNow, 4);
        var answer = BidForm.Describe(result, null, "EUR");
        Assert.Equal("Accepted, but outbid at once by a proxy bid. The minimum is now 26.00 EUR.", answer.Text);
    }

    [Fact]
    public async Task Bid_form_follows_the_minimum_until_the_viewer_types_an_amount()
    {
        RenderInteractively();
        var cut = Render<BidForm>(p => p
            .Add(f => f.Lot, Lot(12.5m))
            .Add(f => f.BuyerId, "someone"));
        Assert.Equal("12.50", Amount(cut).GetAttribute("value"));

        var lot = cut.Instance.Lot;
        cut.Render(p => p.Add(f => f.Lot, lot with { MinimumBid = 13m }));
        Assert.Equal("13.00", Amount(cut).GetAttribute("value"));
        Assert.Contains("Minimum 13.00 EUR", cut.Markup, StringComparison.Ordinal);

        await Amount(cut).InputAsync(new() { Value = "20" });
        cut.Render(p => p.Add(f => f.Lot, lot with { MinimumBid = 13.5m }));
        Assert.Equal("20", Amount(cut).GetAttribute("value"));
    }

    [Fact]
    public void Bid_form_labels_its_inputs_and_announces_answers()
    {
        RenderInteractively();
        var cut = Render<BidForm>(p => p
            .Add(f => f.Lot, Lot(12.5m))
            .Add(f => f.BuyerId, "someone"));

        Assert.NotNull(Labelled(cut, "Your bid"));
        // A button in a form submits it unless it says otherwise (Enter sends the bid); the toggle says otherwise.
        Assert.Equal("submit", ((IHtmlButtonElement)BidButton(cut)).Type);
        Assert.Equal("button", cut.Find("button.bid-link").GetAttribute("type"));
        Assert.NotNull(BidButton(cut).Closest("form.bid-form"));
        // role=status is a polite live region by definition (WAI-ARIA), so answers are read out without interrupting.
        Assert.Equal("status", cut.Find("[data-testid=bid-result]").GetAttribute("role"));
    }

    /// <summary>An interactive form for a lot listed in the real market, bid from as buyer1.</summary>
    private async Task<(IRenderedComponent<BidForm> Cut, LotView Lot, string Buyer)> RenderListedLotFormAsync(decimal reserve)
    {
        RenderInteractively();
        var lot = await market.ListLotAsync(MarketFixture.Lead(), reserve: reserve);
        var buyer = await market.App.UserIdAsync("buyer1");
        var cut = Render<BidForm>(p => p
            .Add(f => f.Lot, lot)
            .Add(f => f.BuyerId, buyer));
        return (cut, lot, buyer);
    }

    private static string ResultText(IRenderedComponent<BidForm> cut) => cut.Find("[data-testid=bid-result]").TextContent.Trim();

    private static IElement Amount(IRenderedComponent<BidForm> cut) => Labelled(cut, "Your bid") ?? throw new ElementNotFoundException("Your bid");

    /// <summary>The input inside the label whose visible text is <paramref name="label"/> (the currency is aria-hidden).</summary>
    private static IElement? Labelled(IRenderedComponent<BidForm> cut, string label) =>
        cut.FindAll("label").FirstOrDefault(l => l.QuerySelector(".bid-field-label")?.TextContent.Trim() == label)?.QuerySelector("input");

    private static LotView Lot(decimal minimum) => LotCardTests.Card(DateTimeOffset.UtcNow) with { MinimumBid = minimum, ReservePrice = minimum };

    private static IElement BidButton(IRenderedComponent<BidForm> cut) =>
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Bid");
}
