using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

public sealed record BatchSummary(Guid BatchId, string Name, string Room, SaleMode SaleMode, int Shares, decimal ReservePrice, int LeadCount, int OpenLots, int SoldLots, decimal Revenue, DateTimeOffset CreatedAt,
    BatchStatus Status = BatchStatus.Open, int RowsRead = 0, int Rejected = 0);

public sealed record PublisherLotView(Guid LotId, Guid RoomId, string Region, string Need, LotStatus Status, LotOutcome Outcome, decimal? CurrentPrice, int Bids, int Leading, int Shares, DateTimeOffset EndsAt, decimal Sold);

public sealed record BatchDetail(BatchSummary Batch, IReadOnlyList<PublisherLotView> Lots);

/// <summary>How far a batch's upload or intake has come, read from the batch's row (so it shows an upload running on any node).</summary>
public sealed record BatchProgress(BatchStatus Status, int RowsRead, int Accepted, int Rejected, int AlreadyImported, long BytesRead, long BytesTotal)
{
    /// <summary>The share of the upload's bytes read, 0 to 1; null while the size is unknown.</summary>
    public double? Fraction => BytesTotal > 0 ? Math.Clamp((double)BytesRead / BytesTotal, 0d, 1d) : null;
}

/// <summary>A publisher's lots by state: waiting for their opening time, on sale, sold, closed unsold.</summary>
public sealed record LotCounts(int Scheduled, int Open, int Sold, int Unsold)
{
    public static readonly LotCounts None = new(0, 0, 0, 0);
}

/// <summary>How many times a rejection code (or a field) occurs among a batch's stored problems.</summary>
public sealed record RejectionTally(string Value, int Problems);

/// <summary>
/// The batch report: the counters, the lots by state, the batch's settings and what of its rejections is stored.
/// <see cref="RowsNotListed"/> are rejected rows counted but not stored (the import keeps a limited number of problems per file).
/// </summary>
public sealed record BatchReportView(
    BatchProgress Progress,
    LotCounts Lots,
    DateTimeOffset StartsAt,
    int PacingSeconds,
    bool HostedDoubleOptIn,
    string Distribution,
    int ProblemsStored,
    int RejectedRowsStored,
    IReadOnlyList<RejectionTally> Codes,
    IReadOnlyList<RejectionTally> Fields)
{
    public int RowsNotListed => Math.Max(0, Progress.Rejected - RejectedRowsStored);
}

/// <summary>Which of a batch's stored problems to show: a code and a field (null: any), a page of at most <see cref="PublisherDesk.MaxPageSize"/>.</summary>
public sealed record RejectionQuery(string? Code = null, string? Field = null, int Skip = 0, int Take = 25);

public sealed record RejectionPage(IReadOnlyList<FieldError> Problems, int Total);

/// <summary>One day of a publisher's desk: rows accepted and rejected (from the batches' counters), revenue and leads sold.</summary>
public sealed record DeskDay(DateOnly Day, int Accepted, int Rejected, decimal Revenue, int LeadsSold);

/// <summary>How often a rejection code was stored on one day.</summary>
public sealed record RejectionCodeDay(DateOnly Day, string Code, int Problems);

/// <summary>
/// A publisher's figures over the last <see cref="Days"/> days, day by day in the reader's time zone. Returns and
/// outcomes are not reported by buyers yet, so no return or conversion rate is given.
/// </summary>
public sealed record DeskFigures(int Days, DateTimeOffset Since, LotCounts Lots, IReadOnlyList<DeskDay> PerDay, IReadOnlyList<RejectionCodeDay> RejectionCodes)
{
    public int Accepted => PerDay.Sum(d => d.Accepted);

    public int Rejected => PerDay.Sum(d => d.Rejected);

    public decimal Revenue => PerDay.Sum(d => d.Revenue);

    public int LeadsSold => PerDay.Sum(d => d.LeadsSold);

    /// <summary>Revenue per lead sold; null while nothing was sold.</summary>
    public decimal? AveragePricePerLead => LeadsSold > 0 ? decimal.Round(Revenue / LeadsSold, 2, MidpointRounding.AwayFromZero) : null;
}

/// <summary>A publisher's view of their own batches and lots. Another publisher's batch is not found.</summary>
public sealed class PublisherDesk(IDbContextFactory<MarketDbContext> contexts, LeadProtector protector)
{
    /// <summary>The most problems one page of a batch report holds.</summary>
    public const int MaxPageSize = 100;

    /// <summary>The longest period the desk's figures cover.</summary>
    public const int MaxDays = 366;

    private const long MillisPerDay = 86_400_000;

    public async Task<IReadOnlyList<BatchSummary>> ListBatchesAsync(string publisherId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);

        // Ordered before the projection: EF cannot order by a member of the projected record.
        var newest = db.Batches.AsNoTracking().Where(b => b.PublisherId == publisherId).OrderByDescending(b => b.CreatedAt).Take(Math.Clamp(take, 1, 1000));
        var summaries = await Summaries(db, newest).ToListAsync(ct);
        return [.. summaries.OrderByDescending(b => b.CreatedAt)];
    }

    public async Task<BatchDetail?> GetBatchAsync(string? publisherId, Guid batchId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var batches = db.Batches.AsNoTracking().Where(b => b.Id == batchId);
        if (publisherId is not null)
        {
            batches = batches.Where(b => b.PublisherId == publisherId);
        }

        var summary = await Summaries(db, batches).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return null;
        }

        var lots = await (from lot in db.Lots.AsNoTracking()
                          where lot.BatchId == batchId
                          join lead in db.Leads on lot.LeadId equals lead.Id
                          orderby lot.EndsAt
                          select new PublisherLotView(lot.Id, lot.RoomId, lead.PostalArea, lead.Need, lot.Status, lot.Outcome, lot.CurrentPrice, (int)lot.Sequence,
                              lot.LeadingCount, lot.Shares, lot.EndsAt, db.Purchases.Where(p => p.LotId == lot.Id).Sum(p => (decimal?)p.Price) ?? 0m))
            .ToListAsync(ct);
        return new BatchDetail(summary, lots);
    }

    /// <summary>Which publisher a lot belongs to, for live updates of a desk.</summary>
    public async Task<Guid?> BatchOfLotAsync(Guid lotId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Lots.Where(l => l.Id == lotId).Select(l => (Guid?)l.BatchId).FirstOrDefaultAsync(ct);
    }

    /// <summary>The batch's counters, one row read by key: cheap enough to poll every second while an upload runs.</summary>
    public async Task<BatchProgress?> GetProgressAsync(string publisherId, Guid batchId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Batches.AsNoTracking()
            .Where(b => b.Id == batchId && b.PublisherId == publisherId)
            .Select(b => new BatchProgress(b.Status, b.RowsRead, b.LeadCount, b.Rejected, b.AlreadyImported, b.BytesRead, b.BytesTotal))
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>The batch report (counters, lots by state, settings, the stored problems' codes and fields); null for another publisher's batch.</summary>
    public async Task<BatchReportView?> GetReportAsync(string publisherId, Guid batchId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var head = await db.Batches.AsNoTracking()
            .Where(b => b.Id == batchId && b.PublisherId == publisherId)
            .Select(b => new
            {
                Progress = new BatchProgress(b.Status, b.RowsRead, b.LeadCount, b.Rejected, b.AlreadyImported, b.BytesRead, b.BytesTotal),
                b.StartsAt,
                b.PacingSeconds,
                b.HostedDoubleOptIn,
                b.Distribution,
                RejectedRows = db.BatchRejections.Where(r => r.BatchId == b.Id).Select(r => r.Row).Distinct().Count(),
            })
            .FirstOrDefaultAsync(ct);
        if (head is null)
        {
            return null;
        }

        var lots = Count(await db.Lots.AsNoTracking().Where(l => l.BatchId == batchId)
            .GroupBy(l => new { l.Status, l.Outcome })
            .Select(g => new StateCount(g.Key.Status, g.Key.Outcome, g.Count()))
            .ToListAsync(ct));
        var codes = await db.BatchRejections.AsNoTracking().Where(r => r.BatchId == batchId)
            .GroupBy(r => r.Code).Select(g => new RejectionTally(g.Key, g.Count())).ToListAsync(ct);
        var fields = await db.BatchRejections.AsNoTracking().Where(r => r.BatchId == batchId)
            .GroupBy(r => r.Field).Select(g => new RejectionTally(g.Key, g.Count())).ToListAsync(ct);
        return new BatchReportView(
            head.Progress, lots, head.StartsAt, head.PacingSeconds, head.HostedDoubleOptIn, head.Distribution,
            codes.Sum(c => c.Problems), head.RejectedRows,
            [.. codes.OrderByDescending(c => c.Problems).ThenBy(c => c.Value, StringComparer.Ordinal)],
            [.. fields.OrderBy(f => f.Value, StringComparer.Ordinal)]);
    }

    /// <summary>One page of the batch's stored problems, by row, filtered by code and field; an empty page for another publisher's batch.</summary>
    public async Task<RejectionPage> ListRejectionsAsync(string publisherId, Guid batchId, RejectionQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rejections = db.BatchRejections.AsNoTracking()
            .Where(r => r.BatchId == batchId && db.Batches.Any(b => b.Id == batchId && b.PublisherId == publisherId));
        if (!string.IsNullOrEmpty(query.Code))
        {
            rejections = rejections.Where(r => r.Code == query.Code);
        }

        if (!string.IsNullOrEmpty(query.Field))
        {
            rejections = rejections.Where(r => r.Field == query.Field);
        }

        var total = await rejections.CountAsync(ct);
        var page = await rejections.OrderBy(r => r.Row).ThenBy(r => r.Id)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxPageSize))
            .Select(r => new FieldError(r.Row, r.Field, r.Code, r.Message))
            .ToListAsync(ct);
        return new RejectionPage(page, total);
    }

    /// <summary>
    /// Writes the batch's rejected rows as CSV, ready to fix and upload again: the upload's own header plus a
    /// <c>reason</c> column, each rejected row as sent with its problems joined. False (nothing written) for
    /// another publisher's batch. Rows whose stored copy was purged are left out.
    /// </summary>
    public async Task<bool> WriteRejectedRowsAsync(string publisherId, Guid batchId, TextWriter output, Func<FieldError, string>? describe = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        describe ??= static e => e.Message;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var batch = await db.Batches.AsNoTracking().Where(b => b.Id == batchId && b.PublisherId == publisherId)
            .Select(b => new { b.SourceHeader }).FirstOrDefaultAsync(ct);
        if (batch is null)
        {
            return false;
        }

        var csv = RejectedRowsCsv.For(batch.SourceHeader);
        await csv.WriteHeaderAsync(output);

        var rows = db.BatchRejections.AsNoTracking().Where(r => r.BatchId == batchId).OrderBy(r => r.Row).ThenBy(r => r.Id)
            .Select(r => new { r.Row, r.Field, r.Code, r.Message, r.ProtectedRow })
            .AsAsyncEnumerable();
        int? row = null;
        string? sent = null;
        var reasons = new List<string>();
        await foreach (var problem in rows.WithCancellation(ct))
        {
            if (problem.Row != row)
            {
                await WriteAsync();
                (row, sent) = (problem.Row, null);
                reasons.Clear();
            }

            if (problem.ProtectedRow is { } protectedRow)
            {
                sent ??= protector.UnprotectRow(protectedRow);
            }

            reasons.Add(Reason(new FieldError(problem.Row, problem.Field, problem.Code, problem.Message)));
        }

        await WriteAsync();
        await output.FlushAsync(ct);
        return true;

        string Reason(FieldError error) => error.Field.Length > 0 ? $"{error.Field}: {describe(error)}" : describe(error);

        async Task WriteAsync()
        {
            if (sent is not null)
            {
                await csv.WriteRowAsync(output, sent, string.Join("; ", reasons));
            }
        }
    }

    /// <summary>
    /// The publisher's figures over the last <paramref name="days"/> days, in days of <paramref name="zone"/>: a few
    /// aggregate queries, whatever the number of batches and lots.
    /// </summary>
    public async Task<DeskFigures> GetFiguresAsync(string publisherId, int days, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(zone);
        days = Math.Clamp(days, 1, MaxDays);
        var offset = (long)zone.GetUtcOffset(now).TotalMilliseconds;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).Date);
        var first = today.AddDays(1 - days);
        var since = Db.Millis(new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)) - offset;

        await using var db = await contexts.CreateDbContextAsync(ct);

        // Day numbers since 1970 in the reader's zone (its offset now: a day around a clock change is off by an hour at its edges).
        var intake = await db.Database.SqlQuery<IntakeDayRow>($"""
            SELECT ("CreatedAt" + {offset}) / {MillisPerDay} AS "Day", CAST(SUM("LeadCount") AS BIGINT) AS "Accepted", CAST(SUM("Rejected") AS BIGINT) AS "Rejected"
            FROM "Batches" WHERE "PublisherId" = {publisherId} AND "CreatedAt" >= {since}
            GROUP BY 1
            """).ToListAsync(ct);
        var sales = await db.Database.SqlQuery<SalesDayRow>($"""
            SELECT (p."PurchasedAt" + {offset}) / {MillisPerDay} AS "Day", CAST(SUM(p."Price") AS BIGINT) AS "Cents", COUNT(DISTINCT p."LotId") AS "Leads"
            FROM "Purchases" p JOIN "Lots" l ON l."Id" = p."LotId"
            WHERE l."PublisherId" = {publisherId} AND p."PurchasedAt" >= {since}
            GROUP BY 1
            """).ToListAsync(ct);
        var codes = await db.Database.SqlQuery<CodeDayRow>($"""
            SELECT (r."CreatedAt" + {offset}) / {MillisPerDay} AS "Day", r."Code" AS "Code", COUNT(*) AS "Problems"
            FROM "BatchRejections" r JOIN "Batches" b ON b."Id" = r."BatchId"
            WHERE b."PublisherId" = {publisherId} AND r."CreatedAt" >= {since}
            GROUP BY 1, 2
            """).ToListAsync(ct);
        var sinceTime = Db.Time(since);
        var lots = Count(await db.Lots.AsNoTracking()
            .Where(l => l.PublisherId == publisherId && (l.Status != LotStatus.Closed || l.OpenedAt >= sinceTime))
            .GroupBy(l => new { l.Status, l.Outcome })
            .Select(g => new StateCount(g.Key.Status, g.Key.Outcome, g.Count()))
            .ToListAsync(ct));

        var intakeByDay = intake.ToDictionary(r => r.Day);
        var salesByDay = sales.ToDictionary(r => r.Day);
        var perDay = new List<DeskDay>(days);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var number = day.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
            var inDay = intakeByDay.GetValueOrDefault(number);
            var sold = salesByDay.GetValueOrDefault(number);
            perDay.Add(new DeskDay(day, (int)(inDay?.Accepted ?? 0), (int)(inDay?.Rejected ?? 0), Db.Money(sold?.Cents ?? 0), (int)(sold?.Leads ?? 0)));
        }

        var epoch = DateOnly.FromDateTime(DateTime.UnixEpoch);
        var codeDays = codes
            .Select(c => new RejectionCodeDay(epoch.AddDays((int)c.Day), c.Code, (int)c.Problems))
            .Where(c => c.Day >= first && c.Day <= today)
            .OrderBy(c => c.Day).ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        return new DeskFigures(days, Db.Time(since), lots, perDay, codeDays);
    }

    private static LotCounts Count(IEnumerable<StateCount> states)
    {
        int scheduled = 0, open = 0, sold = 0, unsold = 0;
        foreach (var state in states)
        {
            switch (state.Status)
            {
                case LotStatus.Scheduled:
                    scheduled += state.Count;
                    break;
                case LotStatus.Open:
                    open += state.Count;
                    break;
                case LotStatus.Closed when state.Outcome == LotOutcome.Sold:
                    sold += state.Count;
                    break;
                case LotStatus.Closed:
                    unsold += state.Count;
                    break;
            }
        }

        return new LotCounts(scheduled, open, sold, unsold);
    }

    private static IQueryable<BatchSummary> Summaries(MarketDbContext db, IQueryable<LeadBatch> batches) =>
        from b in batches
        join room in db.Rooms on b.RoomId equals room.Id
        select new BatchSummary(
            b.Id, b.Name, room.Name, b.SaleMode, b.Shares, b.ReservePrice, b.LeadCount,
            db.Lots.Count(l => l.BatchId == b.Id && l.Status == LotStatus.Open),
            db.Lots.Count(l => l.BatchId == b.Id && l.Outcome == LotOutcome.Sold),
            db.Purchases.Where(p => db.Lots.Any(l => l.Id == p.LotId && l.BatchId == b.Id)).Sum(p => (decimal?)p.Price) ?? 0m,
            b.CreatedAt,
            b.Status,
            b.RowsRead,
            b.Rejected);

    private sealed record StateCount(LotStatus Status, LotOutcome Outcome, int Count);

    private sealed class IntakeDayRow
    {
        public long Day { get; init; }

        public long Accepted { get; init; }

        public long Rejected { get; init; }
    }

    private sealed class SalesDayRow
    {
        public long Day { get; init; }

        public long Cents { get; init; }

        public long Leads { get; init; }
    }

    private sealed class CodeDayRow
    {
        public long Day { get; init; }

        public required string Code { get; init; }

        public long Problems { get; init; }
    }
}
