using Bunit;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>A lot's bid history in English and German: its words from the resources, amounts and times the reader's way.</summary>
public sealed class BidHistoryInTwoLanguagesTests : BunitTest
{
    // 13:05:09 UTC in winter is 14:05:09 in Berlin, the market's default zone.
    private static readonly DateTimeOffset PlacedAt = new(2026, 1, 15, 13, 5, 9, TimeSpan.Zero);

    private static readonly BidView[] Bids =
    [
        new(2, "Otter 0042", 1234.5m, IsProxy: true, PlacedAt),
        new(1, "Marten 6003", 20m, IsProxy: false, PlacedAt.AddSeconds(-30)),
    ];

    [Fact]
    public void The_bid_history_reads_in_English_with_times_on_the_Berlin_clock()
    {
        using var culture = new CultureScope("en");

        var history = Render<BidHistory>(p => p.Add(c => c.Bids, Bids).Add(c => c.Currency, "EUR").Add(c => c.MyAlias, "Marten 6003"));

        var text = history.Find("[data-testid=bid-history]").TextContent;
        Assert.Contains("€1,234.50", text, StringComparison.Ordinal);
        Assert.Contains("proxy", text, StringComparison.Ordinal);
        Assert.Contains("(you)", text, StringComparison.Ordinal);
        Assert.Contains("2:05:09", text, StringComparison.Ordinal);
        Assert.DoesNotContain("13:05:09", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bid_history_reads_in_German_with_no_English_left()
    {
        using var culture = new CultureScope("de");

        var history = Render<BidHistory>(p => p.Add(c => c.Bids, Bids).Add(c => c.Currency, "EUR").Add(c => c.MyAlias, "Marten 6003"));

        var markup = history.Markup;
        foreach (var german in new[] { "1.234,50\u00A0€", "Proxy", "(Sie)", "14:05:09", "Letzte Gebote, neueste zuerst", "Automatisch über ein Höchstgebot abgegeben" })
        {
            Assert.Contains(german, markup, StringComparison.Ordinal);
        }

        NoEnglishLeft.In(markup, ["proxy", "(you)", "Recent bids", "Placed automatically", "EUR"]);
    }

    [Fact]
    public void An_empty_history_says_so_in_the_readers_language()
    {
        using var culture = new CultureScope("de");

        Assert.Contains("Noch keine Gebote.", Render<BidHistory>(p => p.Add(c => c.Bids, []).Add(c => c.Currency, "EUR")).Markup, StringComparison.Ordinal);
        Assert.Contains("Gebote werden geladen", Render<BidHistory>(p => p.Add(c => c.Currency, "EUR")).Markup, StringComparison.Ordinal);
    }
}
