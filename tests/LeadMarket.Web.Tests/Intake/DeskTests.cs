using Bunit;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Intake;
using LeadMarket.Web.Tests.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Intake;

public sealed class DeskTests : PublisherTestContext
{
    [Fact]
    public async Task Desk_lists_only_the_publishers_own_batches_newest_first_with_links()
    {
        var older = await ListBatchAsync("publisher1", "October roofs", leadCount: 2);
        await ClockPassesAsync(older);
        var newer = await ListBatchAsync("publisher1", "November roofs");
        await ListBatchAsync("publisher2", "Someone else's leads");

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='batches'] tbody tr")));
        var links = page.FindAll("[data-testid='batches'] tbody tr a");
        Assert.Equal(["November roofs", "October roofs"], links.Select(a => a.TextContent.Trim()));
        Assert.Equal([$"publisher/batches/{newer}", $"publisher/batches/{older}"], links.Select(a => a.GetAttribute("href")));
        Assert.DoesNotContain("Someone else's leads", page.Markup, StringComparison.Ordinal);
        Assert.Contains("€10.00", page.Find("[data-testid='batches']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Desk_shows_the_last_30_days_figures_lots_by_state_and_charts_with_the_publishers_data_only()
    {
        using var culture = new CultureScope("en");
        await SellTwoOfThreeLeadsAsync();

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.Equal("3", page.Find("[data-testid='desk-accepted']").TextContent.Trim()));
        Assert.Equal("2", page.Find("[data-testid='desk-rejected']").TextContent.Trim());
        Assert.Equal("€20.00", page.Find("[data-testid='desk-revenue']").TextContent.Trim());
        Assert.Equal("2", page.Find("[data-testid='desk-leads-sold']").TextContent.Trim());
        Assert.Equal("€10.00", page.Find("[data-testid='desk-average-price']").TextContent.Trim());
        Assert.Equal("not reported yet", page.Find("[data-testid='desk-return-rate']").TextContent.Trim());
        Assert.Equal("not reported yet", page.Find("[data-testid='desk-conversion-rate']").TextContent.Trim());
        Assert.Equal(["0", "1", "2", "0"], new[] { "scheduled", "open", "sold", "unsold" }.Select(s => page.Find($"[data-testid='desk-lots-{s}']").TextContent.Trim()));
        Assert.Contains("Figures of the last 30 days", page.Markup, StringComparison.Ordinal);

        foreach (var chart in new[] { "chart-intake", "chart-revenue", "chart-codes" })
        {
            Assert.NotNull(page.Find($"[data-testid='{chart}'] .mud-chart svg"));
        }

        Assert.Contains("accepted", page.Find("[data-testid='chart-intake']").TextContent, StringComparison.Ordinal);
        var codes = page.Find("[data-testid='chart-codes']").TextContent;
        Assert.Contains("invalid_email", codes, StringComparison.Ordinal);
        Assert.Contains("missing_field", codes, StringComparison.Ordinal);
        Assert.Equal("Completed", page.Find("[data-testid='batches'] [data-testid='batch-status']").TextContent.Trim());
    }

    [Fact]
    public void Desk_without_activity_says_so_in_each_chart_and_shows_no_average_price()
    {
        using var culture = new CultureScope("en");

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.Equal("0", page.Find("[data-testid='desk-accepted']").TextContent.Trim()));
        Assert.Equal("—", page.Find("[data-testid='desk-average-price']").TextContent.Trim());
        Assert.Empty(page.FindAll(".mud-chart"));
        Assert.Equal(3, page.FindAll("[data-testid^='chart-']").Count(c => c.TextContent.Contains("Nothing in this period yet.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Desk_figures_and_charts_render_in_German_with_no_English_left()
    {
        using var culture = new CultureScope("de");
        await SellTwoOfThreeLeadsAsync();

        var page = Render<Desk>();

        page.WaitForAssertion(() => Assert.Equal("20,00\u00A0€", page.Find("[data-testid='desk-revenue']").TextContent.Trim()));
        var text = string.Concat(page.Nodes.Select(n => n.TextContent));
        foreach (var german in new[] { "Kennzahlen der letzten 30 Tage", "Angenommene Leads", "Abgelehnte Zeilen", "Durchschnittspreis je Lead", "Rückgabequote", "Abschlussquote", "noch nicht gemeldet", "Lose nach Stand", "Ablehnungsgründe pro Tag", "angenommen", "Abgeschlossen" })
        {
            Assert.Contains(german, text, StringComparison.Ordinal);
        }

        Assert.Equal("10,00\u00A0€", page.Find("[data-testid='desk-average-price']").TextContent.Trim());
        NoEnglishLeft.In(text, ["Figures", "days", "Leads accepted", "Rows rejected", "Revenue", "Average price", "Return rate", "Conversion rate", "not reported yet", "Lots by state", "Scheduled", "On sale", "Sold", "Unsold", "per day", "accepted", "rejected", "Completed", "State", "Rejected"]);
    }

    /// <summary>Publisher1: a batch of three accepted leads and two rejected rows, two of its lots sold for 12.50 and 7.50; publisher2: a batch of its own.</summary>
    private async Task SellTwoOfThreeLeadsAsync()
    {
        var batchId = await ListBatchAsync("publisher1", "October roofs", leadCount: 3);
        await TestImports.RecordAsync(App.Services, batchId, rowsRead: 5, rows: [TestImports.ThreeBadRows[0], TestImports.ThreeBadRows[2]]);
        var other = await ListBatchAsync("publisher2", "Someone else's leads", leadCount: 2);
        await TestImports.RecordAsync(App.Services, other, rowsRead: 9, rejected: 7);

        var buyerId = await App.UserIdAsync("buyer1");
        await using var db = App.Db();
        var lots = await db.Lots.Where(l => l.BatchId == batchId).OrderBy(l => l.Id).Take(2).ToListAsync();
        var now = App.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var (lot, price) in lots.Zip([12.50m, 7.50m]))
        {
            lot.Status = LotStatus.Closed;
            lot.Outcome = LotOutcome.Sold;
            db.Purchases.Add(new Purchase { LotId = lot.Id, LeadId = lot.LeadId, BuyerId = buyerId, Price = price, PurchasedAt = now });
        }

        await db.SaveChangesAsync();
    }

    // Batches are ordered by their creation time in milliseconds: make sure the next one is not created in the same one.
    private async Task ClockPassesAsync(Guid batchId)
    {
        await using var db = App.Db();
        var createdAt = await db.Batches.Where(b => b.Id == batchId).Select(b => b.CreatedAt).SingleAsync();
        var time = App.Services.GetRequiredService<TimeProvider>();
        while (time.GetUtcNow().ToUnixTimeMilliseconds() <= createdAt.ToUnixTimeMilliseconds())
        {
            await Task.Delay(1);
        }
    }
}
