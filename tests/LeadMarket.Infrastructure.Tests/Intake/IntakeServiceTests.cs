using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class IntakeServiceTests(IntakeMarket market) : IClassFixture<IntakeMarket>
{
    [Fact]
    public async Task An_uploaded_file_lists_every_valid_row_as_a_lead_with_its_lot()
    {
        var publisher = await market.PublisherAsync();
        var batch = await market.OpenAsync(publisher);
        var leads = market.Leads(3);

        var result = await market.ImportAsync(publisher, batch, TestSubmissions.Csv(leads));

        Assert.Empty(result.Errors);
        Assert.Equal(new IntakeProgress(3, 3, 0, 0, result.Totals.BytesRead, result.Totals.BytesTotal), result.Totals);
        await using var db = market.Db();
        var stored = await db.Batches.AsNoTracking().SingleAsync(b => b.Id == batch);
        Assert.Equal((BatchStatus.Completed, 3, 3, 0, 0), (stored.Status, stored.RowsRead, stored.LeadCount, stored.Rejected, stored.AlreadyImported));
        Assert.Equal(TestSubmissions.Header, stored.SourceHeader);
        Assert.Equal(3, await db.Lots.CountAsync(l => l.BatchId == batch && l.Status == LotStatus.Open));
        Assert.All(await db.Leads.AsNoTracking().Where(l => l.BatchId == batch).ToListAsync(), l =>
        {
            Assert.Equal(LeadState.Listed, l.State);
            Assert.Matches("^[0-9a-f]{64}$", l.EmailHash!);
            Assert.Matches("^[0-9a-f]{64}$", l.PhoneHash!);
            Assert.Matches("^[0-9a-f]{64}$", l.RowKey!);
        });
    }

    [Fact]
    public async Task Uploading_the_same_file_again_creates_no_new_lead_and_answers_its_rows_as_already_imported()
    {
        var publisher = await market.PublisherAsync();
        var csv = TestSubmissions.Csv(market.Leads(4));
        var first = await market.OpenAsync(publisher);
        await market.ImportAsync(publisher, first, csv);
        var second = await market.OpenAsync(publisher);

        var again = await market.ImportAsync(publisher, second, csv);

        Assert.Equal((4, 0, 0, 4), (again.Totals.RowsRead, again.Totals.Accepted, again.Totals.Rejected, again.Totals.AlreadyImported));
        Assert.Empty(again.Errors);
        Assert.Equal(4, await market.LeadCountAsync(first));
        Assert.Equal(0, await market.LeadCountAsync(second));
    }
}
