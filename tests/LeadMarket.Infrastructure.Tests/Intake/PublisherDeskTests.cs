using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Postgres;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Intake;

/// <summary>The desk's read side on both providers: its day-by-day aggregates are hand-written SQL over the stored integers.</summary>
public sealed class PublisherDeskTests
{
    [Fact]
    public async Task Figures_report_and_rejections_are_the_publishers_own_day_by_day_on_SQLite()
    {
        await using var app = new MarketApplication(time: new ManualClock());
        await CheckAsync(app.Services);
    }

    [Fact]
    public async Task Figures_report_and_rejections_are_the_publishers_own_day_by_day_on_PostgreSQL()
    {
        await using var postgres = await PostgresServer.StartAsync("leadmarket");
        var settings = new Dictionary<string, string?>
        {
            ["Market:Provider"] = "Postgres",
            ["Market:ConnectionString"] = postgres.ConnectionString("leadmarket"),
        };
        await using var app = new MarketApplication(time: new ManualClock(), settings: settings);
        await CheckAsync(app.Services);
    }

    private static async Task CheckAsync(IServiceProvider services)
    {
        var desk = services.GetRequiredService<PublisherDesk>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var publisherId = await MarketServices.UserIdAsync(services, "publisher1");
        var lots = await TestListings.ListLotsAsync(services, count: 3, publisher: "publisher1");
        var batchId = lots[0].BatchId;
        await TestImports.RecordAsync(services, batchId, rowsRead: 7, rejected: 4, alreadyImported: 1, rows: TestImports.ThreeBadRows);
        var other = await TestListings.ListLotsAsync(services, count: 2, publisher: "publisher2");
        await TestImports.RecordAsync(services, other[0].BatchId, rowsRead: 9, rejected: 7, rows: TestImports.ThreeBadRows);
        await SellAsync(services, lots[0], 12.50m, now);
        await SellAsync(services, lots[1], 7.51m, now);

        var figures = await desk.GetFiguresAsync(publisherId, 30, TimeZoneInfo.Utc, now);

        Assert.Equal(30, figures.PerDay.Count);
        Assert.Equal(DateOnly.FromDateTime(now.UtcDateTime), figures.PerDay[^1].Day);
        Assert.Equal(new DeskDay(figures.PerDay[^1].Day, 3, 4, 20.01m, 2), figures.PerDay[^1]);
        Assert.All(figures.PerDay.SkipLast(1), d => Assert.Equal(new DeskDay(d.Day, 0, 0, 0m, 0), d));
        Assert.Equal(10.01m, figures.AveragePricePerLead);
        Assert.Equal(new LotCounts(0, 1, 2, 0), figures.Lots);
        Assert.Equal(
            [("invalid_email", 2), ("invalid_postal_code", 1), ("missing_field", 1)],
            figures.RejectionCodes.Select(c => (c.Code, c.Problems)));

        var report = await desk.GetReportAsync(publisherId, batchId);
        Assert.NotNull(report);
        Assert.Equal(new BatchProgress(BatchStatus.Completed, 7, 3, 4, 1, 0, 0), report.Progress);
        Assert.Equal((4, 3, 1), (report.ProblemsStored, report.RejectedRowsStored, report.RowsNotListed));
        Assert.Equal(["email", "first_name", "postal_code"], report.Fields.Select(f => f.Value));
        Assert.Null(await desk.GetReportAsync(publisherId, other[0].BatchId));

        var page = await desk.ListRejectionsAsync(publisherId, batchId, new RejectionQuery(Code: "invalid_email", Take: 1));
        Assert.Equal(2, page.Total);
        Assert.Equal(3, Assert.Single(page.Problems).Row);
        Assert.Equal(0, (await desk.ListRejectionsAsync(publisherId, other[0].BatchId, new RejectionQuery())).Total);

        using var csv = new StringWriter();
        Assert.True(await desk.WriteRejectedRowsAsync(publisherId, batchId, csv));
        Assert.Equal(5, csv.ToString().Split("\r\n").Length);
        Assert.False(await desk.WriteRejectedRowsAsync(publisherId, other[0].BatchId, TextWriter.Null));
    }

    private static async Task SellAsync(IServiceProvider services, ListedLot listed, decimal price, DateTimeOffset at)
    {
        var buyerId = await MarketServices.UserIdAsync(services, "buyer1");
        await using var db = MarketServices.Db(services);
        var lot = await db.Lots.SingleAsync(l => l.Id == listed.LotId);
        lot.Status = LotStatus.Closed;
        lot.Outcome = LotOutcome.Sold;
        db.Purchases.Add(new Purchase { LotId = lot.Id, LeadId = lot.LeadId, BuyerId = buyerId, Price = price, PurchasedAt = at });
        await db.SaveChangesAsync();
    }
}
