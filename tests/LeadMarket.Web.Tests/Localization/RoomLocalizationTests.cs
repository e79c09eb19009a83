using AngleSharp.Dom;
using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Components;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using RoomPage = LeadMarket.Web.Components.Auctions.Room;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>
/// The live room in English and German: a card with the viewer's bid at 1,234.50, its opened history, a rejected bid,
/// and then the lot closed; every word from the resources, amounts in the reader's way, times on the reader's clock
/// (the market's zone, Europe/Berlin, in these tests).
/// </summary>
[Collection(MarketCollection.Name)]
public sealed class RoomLocalizationTests(MarketFixture market) : BunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // 13:05:09 UTC in winter is 14:05:09 in Berlin.
    private static readonly DateTimeOffset PlacedAt = new(2026, 1, 15, 13, 5, 9, TimeSpan.Zero);

    // The room page's and cards' English words (whole words; "Live", "Score", "Proxy" and "DOI" are German too).
    private static readonly string[] EnglishRoomTexts =
    [
        "Bidding room", "All rooms", "Available credit", "Connecting", "Open lots", "Just closed", "Exclusive", "Shared",
        "Current price", "Final price", "bid", "bids", "Bid", "Your bid", "Minimum", "Set a maximum", "Maximum", "Bid history",
        "Recent bids", "Leading", "Outbid", "Won", "Won by", "Sold", "Unsold", "Closing", "just now", "min old", "of 100",
        "Double opt-in confirmed", "Phone number given", "Language", "(you)", "too low", "minimum bid", "EUR", "Open your leads",
        "share free", "shares free", "Receiving bids",
    ];

    public override Task InitializeAsync()
    {
        UseMarket(market.App);
        RenderInteractively();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task The_room_reads_in_German_with_no_English_left_euros_the_German_way_and_times_in_Berlin()
    {
        using var culture = new CultureScope("de");
        var (cut, lot) = await RenderRoomWithABidHistoryAndARejectionAsync();

        var card = Card(cut, lot.LotId);
        Assert.Equal("1.234,50\u00A0€", card.QuerySelector("[data-testid=lot-price]")!.TextContent.Trim());
        Assert.Equal("Führend", card.QuerySelector("[data-testid=my-state]")!.TextContent.Trim());
        Assert.Contains("Ihr Gebot 1.234,50\u00A0€", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Mindestgebot 1.235,50\u00A0€", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aktueller Preis", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("Exklusiv", card.TextContent, StringComparison.Ordinal);
        Assert.Contains("gerade eben", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ihr Gebot von 5,00\u00A0€ ist zu niedrig: Das Mindestgebot beträgt 20,00\u00A0€.", card.QuerySelector(".bid-result")!.TextContent.Trim());
        var history = card.QuerySelector("[data-testid=bid-history]")!.TextContent;
        Assert.Contains("14:05:09", history, StringComparison.Ordinal);
        Assert.Contains("(Sie)", history, StringComparison.Ordinal);
        Assert.Contains("1.234,50\u00A0€", history, StringComparison.Ordinal);
        Assert.Contains("Double-Opt-in bestätigt: 30 / 30", card.QuerySelector(".lot-facts li")!.GetAttribute("title"), StringComparison.Ordinal);

        // The script's words come from the page: German here.
        var header = cut.Find(".room-header");
        Assert.Equal("Endet …", header.GetAttribute("data-clock-closing"));
        Assert.Equal("seit {0} Min.", header.GetAttribute("data-clock-minutes"));
        NoEnglishLeft.In(Words(cut), EnglishRoomTexts);

        // Closed: the outcome, the final price and the winner in German too.
        await CloseAsync(cut, lot);
        var closed = Card(cut, lot.LotId).TextContent;
        foreach (var german in new[] { "Verkauft", "Endpreis", "Gewonnen", "Gewonnen von", "Ihre Leads öffnen", "Soeben beendet" })
        {
            Assert.Contains(german, german == "Soeben beendet" ? cut.Markup : closed, StringComparison.Ordinal);
        }

        NoEnglishLeft.In(Words(cut), EnglishRoomTexts);
    }

    [Fact]
    public async Task The_room_reads_in_English_with_euros_the_English_way_and_times_in_Berlin()
    {
        using var culture = new CultureScope("en");
        var (cut, lot) = await RenderRoomWithABidHistoryAndARejectionAsync();

        var card = Card(cut, lot.LotId);
        Assert.Equal("€1,234.50", card.QuerySelector("[data-testid=lot-price]")!.TextContent.Trim());
        Assert.Equal("Leading", card.QuerySelector("[data-testid=my-state]")!.TextContent.Trim());
        Assert.Contains("Minimum €1,235.50", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("Bid €5.00 is too low: the minimum bid is €20.00.", card.QuerySelector(".bid-result")!.TextContent.Trim());
        var history = card.QuerySelector("[data-testid=bid-history]")!.TextContent;
        Assert.Contains("2:05:09", history, StringComparison.Ordinal);
        Assert.DoesNotContain("13:05:09", history, StringComparison.Ordinal);
        Assert.Contains("(you)", history, StringComparison.Ordinal);
        Assert.Equal("Closing…", cut.Find(".room-header").GetAttribute("data-clock-closing"));
    }

    [Fact]
    public void The_cached_card_html_is_one_per_lot_state_and_culture()
    {
        var now = DateTimeOffset.UtcNow;
        var lot = LotCardTests.Card(now);
        using var markup = new LotCardMarkup();

        LotCardParts english, german;
        using (new CultureScope("en"))
        {
            english = markup.For(lot, now);
        }

        using (new CultureScope("de"))
        {
            german = markup.For(lot, now);
            Assert.Same(german, markup.For(lot with { }, now));
        }

        Assert.NotSame(english, german);
        Assert.Contains("Current price", english.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("Aktueller Preis", german.Summary.Value, StringComparison.Ordinal);
        Assert.Contains("Mindestgebot 20,00\u00A0€", System.Net.WebUtility.HtmlDecode(german.Minimum.Value), StringComparison.Ordinal);
        NoEnglishLeft.In(System.Net.WebUtility.HtmlDecode(german.Summary.Value + german.Minimum.Value), ["Current price", "Exclusive", "no bids", "Minimum", "EUR", "just now"]);
        using (new CultureScope("en"))
        {
            Assert.Same(english, markup.For(lot, now));
        }
    }

    /// <summary>
    /// The room with a fresh lot of buyer1's, who bid 1,234.50 on it (the event), opened its history and then sent
    /// a bid of 5.00 that the market turned down (the store's minimum is the reserve, 20.00).
    /// </summary>
    private async Task<(IRenderedComponent<RoomPage> Cut, LotView Lot)> RenderRoomWithABidHistoryAndARejectionAsync()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead("Angebot für eine Photovoltaikanlage mit Speicher"));
        var me = await SignInAsync("buyer1", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));
        cut.WaitForAssertion(() => Assert.NotNull(Card(cut, lot.LotId).QuerySelector("form.bid-form")), Patience);

        // The history opened before the bid: the bid's event adds itself to it.
        HistoryToggle(cut, lot.LotId).Click();
        cut.WaitForAssertion(() => Assert.NotNull(Card(cut, lot.LotId).QuerySelector(".bid-history-empty")), Patience);
        market.Services.GetRequiredService<IAuctionNotifier>().Publish(new BidAcceptedEvent(
            lot.RoomId, lot.LotId, 1, 1234.50m, me, BidderAlias.For(lot.LotId, me), false, lot.EndsAt, 1235.50m, 0, [me], PlacedAt));
        cut.WaitForAssertion(() => Assert.NotNull(Card(cut, lot.LotId).QuerySelector("[data-testid=bid-history]")), Patience);

        var amount = cut.Find($"[data-lot-id='{lot.LotId}'] form.bid-form input");
        amount.Input("5");
        cut.Find($"[data-lot-id='{lot.LotId}'] form.bid-form").Submit();
        cut.WaitForAssertion(() => Assert.Contains("5", Card(cut, lot.LotId).QuerySelector(".bid-result")!.TextContent, StringComparison.Ordinal), Patience);
        return (cut, lot);
    }

    private async Task CloseAsync(IRenderedComponent<RoomPage> cut, LotView lot)
    {
        var me = await market.App.UserIdAsync("buyer1");
        market.Services.GetRequiredService<IAuctionNotifier>().Publish(
            new LotClosedEvent(lot.RoomId, lot.LotId, LotOutcome.Sold, [new WinnerView(me, BidderAlias.For(lot.LotId, me), 1234.50m)], DateTimeOffset.UtcNow));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=closed-lots]").QuerySelector($"[data-lot-id='{lot.LotId}']")), Patience);
    }

    private static IElement Card(IRenderedComponent<RoomPage> cut, Guid lotId) => cut.Find($"[data-testid=lot-card][data-lot-id='{lotId}']");

    private static IElement HistoryToggle(IRenderedComponent<RoomPage> cut, Guid lotId) =>
        cut.FindAll($"[data-lot-id='{lotId}'] > button").Single();

    /// <summary>What a reader meets: the page's text, its tooltips and labels, and the words it hands the script.</summary>
    private static string Words(IRenderedComponent<RoomPage> cut)
    {
        var words = cut.Nodes.Select(n => n.TextContent).ToList();
        foreach (var element in cut.FindAll("*"))
        {
            words.AddRange(element.Attributes
                .Where(a => a.Name is "title" or "aria-label" || a.Name.StartsWith("data-clock-", StringComparison.Ordinal))
                .Select(a => a.Value));
        }

        return string.Join("\n", words);
    }
}
