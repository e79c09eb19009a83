using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>Reads of rooms and lots for pages, the hub and the API. Every answer is anonymized.</summary>
public sealed class RoomQueries(IDbContextFactory<MarketDbContext> contexts)
{
    public async Task<IReadOnlyList<RoomSummary>> ListRoomsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rooms = await db.Rooms.AsNoTracking()
            .Where(r => r.IsActive)
            .OrderBy(r => r.Name)
            .Select(r => new
            {
                r.Id,
                r.Name,
                Vertical = r.Vertical!.Name,
                r.Vertical.Slug,
                r.Region,
                r.Vertical.Currency,
                Open = db.Lots.Count(l => l.RoomId == r.Id && l.Status == LotStatus.Open),
            })
            .ToListAsync(ct);
        return [.. rooms.Select(r => new RoomSummary(r.Id, r.Name, r.Vertical, r.Slug, r.Region, r.Currency, r.Open))];
    }

    /// <summary>The room's open lots (never a scheduled one) as cards, plus the viewer's own position on each (null viewer: none).</summary>
    public async Task<RoomSnapshot?> GetRoomAsync(Guid roomId, string? viewerBuyerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var room = await db.Rooms.AsNoTracking()
            .Where(r => r.Id == roomId && r.IsActive)
            .Select(r => new RoomSummary(r.Id, r.Name, r.Vertical!.Name, r.Vertical.Slug, r.Region, r.Vertical.Currency, 0))
            .FirstOrDefaultAsync(ct);
        if (room is null)
        {
            return null;
        }

        var rows = await LotRows(db, db.Lots.Where(l => l.RoomId == roomId && l.Status == LotStatus.Open).OrderBy(l => l.EndsAt))
            .ToListAsync(ct);
        var lots = new List<LotView>(rows.Count);
        var mine = new List<MyLotPosition>();
        foreach (var row in rows)
        {
            var state = row.Lot.ToState();
            lots.Add(LotView.Of(row.Lot, state, row.Facts()));
            if (viewerBuyerId is not null && Position(state, viewerBuyerId, won: false) is { Status: not MyLotStatus.None } position)
            {
                mine.Add(position);
            }
        }

        return new RoomSnapshot(room with { OpenLots = lots.Count }, lots, mine);
    }

    /// <summary>A lot's card, open or closed; null for an unknown lot and for one still scheduled (not yet in its room).</summary>
    public async Task<LotView?> GetLotAsync(Guid lotId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await LotRows(db, db.Lots.Where(l => l.Id == lotId && l.Status != LotStatus.Scheduled)).FirstOrDefaultAsync(ct);
        return row is null ? null : LotView.Of(row.Lot, row.Facts());
    }

    /// <summary>The visible bids of a lot, newest first, under per-lot aliases.</summary>
    public async Task<IReadOnlyList<BidView>> GetBidsAsync(Guid lotId, int take = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var bids = await db.Bids.AsNoTracking().Where(b => b.LotId == lotId)
            .OrderByDescending(b => b.Sequence).Take(take).ToListAsync(ct);
        return [.. bids.Select(b => new BidView(b.Sequence, BidderAlias.For(lotId, b.BuyerId), b.Amount, b.IsProxy, b.PlacedAt))];
    }

    /// <summary>
    /// What a buyer can still bid with: the credit limit less used credit and what their leading bids hold back.
    /// Null for an account without a credit line (not a buyer).
    /// </summary>
    public async Task<decimal?> GetAvailableCreditAsync(string buyerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var account = await db.BuyerAccounts.AsNoTracking().Where(b => b.UserId == buyerId)
            .Select(b => new { b.CreditLimit, b.CreditUsed, b.Exposure }).FirstOrDefaultAsync(ct);
        return account is null ? null : new CreditLine(account.CreditLimit, account.CreditUsed, account.Exposure).Available;
    }

    /// <summary>A buyer's position on one lot, from its stored standings and, once closed, from purchases.</summary>
    public async Task<MyLotPosition> GetPositionAsync(Guid lotId, string buyerId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var lot = await db.Lots.AsNoTracking().FirstOrDefaultAsync(l => l.Id == lotId, ct);
        if (lot is null)
        {
            return new MyLotPosition(lotId, MyLotStatus.None, null, null);
        }

        var won = lot.Status == LotStatus.Closed && await db.Purchases.AnyAsync(p => p.LotId == lotId && p.BuyerId == buyerId, ct);
        return Position(lot.ToState(), buyerId, won);
    }

    /// <summary>Where a buyer stands on a lot, as the auction rules rank its standings.</summary>
    private static MyLotPosition Position(LotState state, string buyerId, bool won)
    {
        if (state.StandingOf(buyerId) is not { } own)
        {
            return new MyLotPosition(state.LotId, MyLotStatus.None, null, null);
        }

        var status = state.Status == LotStatus.Closed
            ? (won ? MyLotStatus.Won : MyLotStatus.Lost)
            : (state.IsLeading(buyerId) ? MyLotStatus.Leading : MyLotStatus.Outbid);
        return new MyLotPosition(state.LotId, status, own.Amount, own.MaxAmount);
    }

    private static IQueryable<LotRow> LotRows(MarketDbContext db, IQueryable<Lot> lots) =>
        from lot in lots.AsNoTracking()
        join lead in db.Leads on lot.LeadId equals lead.Id
        join vertical in db.Verticals on lead.VerticalId equals vertical.Id
        select new LotRow(lot, lead.PostalArea, lead.Need, lead.Language, lead.Score, lead.ScoreFactors, lead.DoubleOptIn, lead.CreatedAt,
            vertical.Name, vertical.Currency);

    private sealed record LotRow(
        Lot Lot, string PostalArea, string Need, string Language, int Score, string ScoreFactors, bool DoubleOptIn,
        DateTimeOffset CreatedAt, string Vertical, string Currency)
    {
        public LeadCardFacts Facts() =>
            new(Vertical, PostalArea, Need, Language, Score, ScoreFactorsCodec.Read(ScoreFactors), DoubleOptIn, CreatedAt, Currency);
    }
}
