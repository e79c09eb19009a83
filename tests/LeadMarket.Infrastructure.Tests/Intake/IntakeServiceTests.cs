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

    [Fact]
    public async Task A_lead_whose_email_or_phone_is_in_the_market_from_another_publisher_is_a_duplicate_on_that_field()
    {
        var one = await market.PublisherAsync("publisher1");
        var two = await market.PublisherAsync("publisher2");
        var leads = market.Leads(2);
        await market.Intake.SubmitAsync(one, await market.OpenAsync(one), leads, IntakeMode.Live, default);
        var fresh = market.Leads(2);
        var sameEmail = fresh[0] with { Email = leads[0].Email };
        var samePhone = fresh[1] with { Phone = leads[1].Phone };

        var answers = await market.Intake.SubmitAsync(two, await market.OpenAsync(two), [sameEmail, samePhone], IntakeMode.Live, default);

        Assert.Equal([("email", FieldErrorCodes.Duplicate)], answers[0].Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal([("phone", FieldErrorCodes.Duplicate)], answers[1].Errors.Select(e => (e.Field, e.Code)));
        Assert.All(answers, a => Assert.Null(a.LeadId));
    }

    [Fact]
    public async Task A_row_repeating_an_earlier_row_s_email_in_the_same_file_is_a_duplicate()
    {
        var publisher = await market.PublisherAsync();
        var leads = market.Leads(3);
        var rows = new[] { leads[0], leads[1], leads[2] with { Email = leads[0].Email.ToUpperInvariant() } };
        var batch = await market.OpenAsync(publisher);

        var result = await market.ImportAsync(publisher, batch, TestSubmissions.Csv(rows));

        Assert.Equal((2, 1), (result.Totals.Accepted, result.Totals.Rejected));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "email", FieldErrorCodes.Duplicate), (error.Row, error.Field, error.Code));
        await using var db = market.Db();
        var rejection = await db.BatchRejections.AsNoTracking().SingleAsync(r => r.BatchId == batch);
        Assert.Equal((4, "email", FieldErrorCodes.Duplicate), (rejection.Row, rejection.Field, rejection.Code));
        var protector = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LeadProtector>(market.Services);
        Assert.Equal(TestSubmissions.Row(rows[2]), protector.UnprotectRow(rejection.ProtectedRow!));
    }

    [Fact]
    public async Task An_import_broken_off_mid_file_keeps_whole_chunks_only_and_its_repeat_stores_each_lead_exactly_once()
    {
        var publisher = await market.PublisherAsync();
        var leads = market.Leads(1_200);
        var csv = TestSubmissions.Csv(leads);
        var batch = await market.OpenAsync(publisher);
        var bytes = System.Text.Encoding.UTF8.GetBytes(csv);

        await Assert.ThrowsAsync<IOException>(() => market.Intake.ImportCsvAsync(publisher, batch, new BreakingStream(bytes, bytes.Length * 3 / 4), bytes.Length, null, null, IntakeMode.Live, default));

        var partial = await market.LeadCountAsync(batch);
        Assert.True(partial % 500 == 0 && partial is > 0 and < 1_200, $"{partial} leads after the break");
        await using (var db = market.Db())
        {
            Assert.Equal(BatchStatus.Failed, (await db.Batches.AsNoTracking().SingleAsync(b => b.Id == batch)).Status);
            Assert.Equal(partial, await db.Lots.CountAsync(l => l.BatchId == batch));
        }

        var repeat = await market.ImportAsync(publisher, batch, csv);

        Assert.Equal((1_200 - partial, partial, 0), (repeat.Totals.Accepted, repeat.Totals.AlreadyImported, repeat.Totals.Rejected));
        await using var after = market.Db();
        Assert.Equal(1_200, await after.Leads.CountAsync(l => l.BatchId == batch));
        Assert.Equal(1_200, await after.Leads.Where(l => l.BatchId == batch).Select(l => l.EmailHash).Distinct().CountAsync());
        Assert.Equal(1_200, await after.Lots.CountAsync(l => l.BatchId == batch));
        var stored = await after.Batches.AsNoTracking().SingleAsync(b => b.Id == batch);
        Assert.Equal((BatchStatus.Completed, 1_200), (stored.Status, stored.LeadCount));
    }

    [Fact]
    public async Task A_sandbox_import_answers_as_live_including_duplicates_but_stores_and_lists_nothing()
    {
        var publisher = await market.PublisherAsync();
        var listed = market.Leads(1);
        await market.Intake.SubmitAsync(publisher, await market.OpenAsync(publisher), listed, IntakeMode.Live, default);
        await using var before = market.Db();
        var counts = (await before.Leads.CountAsync(), await before.Lots.CountAsync(), await before.Batches.CountAsync(), await before.BatchRejections.CountAsync());
        var batch = await market.OpenAsync(publisher, IntakeMode.Sandbox);
        var fresh = market.Leads(2);

        var result = await market.ImportAsync(publisher, batch, TestSubmissions.Csv([fresh[0], fresh[1], fresh[1] with { Phone = "+49 30 5550001" }, listed[0] with { Phone = "+49 30 5550002" }]), IntakeMode.Sandbox);
        var answers = await market.Intake.SubmitAsync(publisher, batch, [fresh[0]], IntakeMode.Sandbox, default);

        Assert.Equal((2, 2), (result.Totals.Accepted, result.Totals.Rejected));
        Assert.Equal([FieldErrorCodes.Duplicate, FieldErrorCodes.Duplicate], result.Errors.Select(e => e.Code));
        Assert.True(answers.Single().Accepted);
        await using var after = market.Db();
        Assert.Equal(counts, (await after.Leads.CountAsync(), await after.Lots.CountAsync(), await after.Batches.CountAsync(), await after.BatchRejections.CountAsync()));
    }

    [Fact]
    public async Task Two_imports_into_one_batch_at_once_keep_its_counters_and_give_every_lot_its_own_paced_slot()
    {
        var publisher = await market.PublisherAsync();
        var batch = await market.OpenAsync(publisher, pacing: 60);
        var start = (await LoadAsync(batch)).NextSlotAt;
        var first = TestSubmissions.Csv(market.Leads(700));
        var second = TestSubmissions.Csv(market.Leads(700));

        await Task.WhenAll(
            Task.Run(() => market.ImportAsync(publisher, batch, first)),
            Task.Run(() => market.ImportAsync(publisher, batch, second)));

        var stored = await LoadAsync(batch);
        Assert.Equal((1_400, 1_400), (stored.RowsRead, stored.LeadCount));
        Assert.Equal(start.AddSeconds(60 * 1_400), stored.NextSlotAt);
        await using var db = market.Db();
        var opens = await db.Lots.Where(l => l.BatchId == batch).Select(l => l.OpenedAt).ToListAsync();
        Assert.Equal(1_400, opens.Distinct().Count());
        Assert.Equal(Enumerable.Range(0, 1_400).Select(i => start.AddSeconds(60 * i)), opens.Order());
    }

    [Fact]
    public void An_empty_value_has_no_keyed_hash_so_it_never_matches()
    {
        var hasher = new IntakeHasher(new byte[32]);

        Assert.Null(hasher.Email(""));
        Assert.Null(hasher.Phone("  "));
        Assert.NotEqual(hasher.Email("a@example.org"), hasher.Phone("a@example.org"));
        Assert.Equal(hasher.Email("a@example.org"), new IntakeHasher(new byte[32]).Email("a@example.org"));
        Assert.NotEqual(hasher.Email("a@example.org"), new IntakeHasher([.. Enumerable.Repeat((byte)1, 32)]).Email("a@example.org"));
    }

    private async Task<LeadBatch> LoadAsync(Guid batch)
    {
        await using var db = market.Db();
        return await db.Batches.AsNoTracking().SingleAsync(b => b.Id == batch);
    }

    /// <summary>An upload that breaks off (the connection dropped) after some bytes.</summary>
    private sealed class BreakingStream(byte[] bytes, int breakAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => Position >= breakAt ? throw new IOException("The upload broke off.") : base.Read(buffer, offset, Math.Min(count, breakAt - (int)Position));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Position >= breakAt ? throw new IOException("The upload broke off.") : base.ReadAsync(buffer[..Math.Min(buffer.Length, breakAt - (int)Position)], cancellationToken);
    }
}
