using System.Text.RegularExpressions;
using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed partial class LotCardTests(MarketFixture market) : BunitTest
{
    [Fact]
    public async Task Lot_card_shows_region_and_need_but_no_personal_data()
    {
        var lead = MarketFixture.Lead();
        var lot = await market.ListLotAsync(lead);

        var cut = Render<LotCard>(p => p
            .Add(c => c.Lot, lot)
            .Add(c => c.Now, DateTimeOffset.UtcNow)
            .Add(c => c.Bids, []));
        cut.Find("button[aria-expanded]").Click();

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
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var lot = Card(now) with { EndsAt = now.AddSeconds(95) };

        var cut = Render<LotCard>(p => p.Add(c => c.Lot, lot).Add(c => c.Now, now));

        Assert.Equal("no bids yet, reserve 20.00 EUR", cut.Find("[data-testid=lot-price]").TextContent.Trim());
        Assert.Equal("1:35", cut.Find("[data-testid=countdown]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=my-state]"));
        Assert.Equal(lot.LotId.ToString(), cut.Find("[data-testid=lot-card]").GetAttribute("data-lot-id"));
    }

    [Fact]
    public void Lot_card_shows_the_viewers_own_state_bid_and_maximum()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var lot = Card(now) with { CurrentPrice = 24m, BidCount = 3, Sequence = 3 };

        var cut = Render<LotCard>(p => p
            .Add(c => c.Lot, lot)
            .Add(c => c.Now, now)
            .Add(c => c.Mine, new MyLotPosition(lot.LotId, MyLotStatus.Leading, 24m, 40m)));

        Assert.Equal("24.00 EUR", cut.Find("[data-testid=lot-price]").TextContent.Trim());
        Assert.Equal("Leading", cut.Find("[data-testid=my-state]").TextContent.Trim());
        Assert.Contains("your maximum 40.00 EUR", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("3 bids", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Lot_card_shows_extended_only_for_a_while_after_anti_sniping()
    {
        var now = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        var lot = Card(now);

        var cut = Render<LotCard>(p => p.Add(c => c.Lot, lot).Add(c => c.Now, now).Add(c => c.ExtendedAt, now.AddSeconds(-2)));
        Assert.Single(cut.FindAll("[data-testid=extended]"));

        cut.Render(p => p.Add(c => c.Now, now + LotCard.ExtendedChipTime));
        Assert.Empty(cut.FindAll("[data-testid=extended]"));
    }

    [Theory]
    [InlineData(95.2, "1:36")]
    [InlineData(9, "0:09")]
    [InlineData(3 * 3600 + 5, "3:00:05")]
    [InlineData(2 * 86400 + 3 * 3600, "2d 3h")]
    [InlineData(0, "Closing…")]
    public void Countdown_reads_as_minutes_and_seconds(double seconds, string expected) =>
        Assert.Equal(expected, LotCard.Countdown(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Score_factors_are_read_from_their_stored_form()
    {
        var factors = LotCard.ParseFactors("Double opt-in confirmed:30/30;Phone number given:0/15").ToList();
        Assert.Equal(2, factors.Count);
        Assert.Equal(("Double opt-in confirmed", 30, 30), (factors[0].Name, factors[0].Points, factors[0].MaxPoints));
        Assert.Equal(("Phone number given", 0, 15), (factors[1].Name, factors[1].Points, factors[1].MaxPoints));
    }

    internal static LotView Card(DateTimeOffset now) => new(
        System.Guid.NewGuid(), System.Guid.NewGuid(), "Solar", "DE-80xxx", "Quote for a 10 kWp solar roof", "de", 81,
        "Double opt-in confirmed:30/30;Phone number given:15/15", true, now.AddMinutes(-5), SaleMode.Exclusive, 1, 1, 20m, 1m,
        null, 20m, 0, now.AddMinutes(5), 0, LotStatus.Open, LotOutcome.None, "EUR");

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();
}
