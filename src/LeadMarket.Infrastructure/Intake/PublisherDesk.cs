using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

public sealed record BatchSummary(Guid BatchId, string Name, string Room, SaleMode SaleMode, int Shares, decimal ReservePrice, int LeadCount, int OpenLots, int SoldLots, decimal Revenue, DateTimeOffset CreatedAt);

public sealed record PublisherLotView(Guid LotId, Guid RoomId, string Region, string Need, LotStatus Status, LotOutcome Outcome, decimal? CurrentPrice, int Bids, int Leading, int Shares, DateTimeOffset EndsAt, decimal Sold);

public sealed record BatchDetail(BatchSummary Batch, IReadOnlyList<PublisherLotView> Lots);

/// <summary>A publisher's view of their own batches and lots. Another publisher's batch is not found.</summary>
public sealed class PublisherDesk(IDbContextFactory<MarketDbContext> contexts)
{
    public async Task<IReadOnlyList<BatchSummary>> ListBatchesAsync(string publisherId, int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);

        // Ordered before the projection: EF cannot order by a member of the projected record.
        var newest = db.Batches.AsNoTracking().Where(b => b.PublisherId == publisherId).OrderByDescending(b => b.CreatedAt).Take(take);
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

    private static IQueryable<BatchSummary> Summaries(MarketDbContext db, IQueryable<LeadBatch> batches) =>
        from b in batches
        join room in db.Rooms on b.RoomId equals room.Id
        select new BatchSummary(
            b.Id, b.Name, room.Name, b.SaleMode, b.Shares, b.ReservePrice, b.LeadCount,
            db.Lots.Count(l => l.BatchId == b.Id && l.Status == LotStatus.Open),
            db.Lots.Count(l => l.BatchId == b.Id && l.Outcome == LotOutcome.Sold),
            db.Purchases.Where(p => db.Lots.Any(l => l.Id == p.LotId && l.BatchId == b.Id)).Sum(p => (decimal?)p.Price) ?? 0m,
            b.CreatedAt);
}
