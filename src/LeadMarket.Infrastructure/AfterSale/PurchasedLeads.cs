using LeadMarket.Infrastructure.Intake;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.AfterSale;

/// <summary>A bought lead with everything unlocked: contact, need and consent evidence.</summary>
public sealed record PurchasedLead(
    Guid LeadId,
    Guid LotId,
    string Vertical,
    string Region,
    string Need,
    string Language,
    int Score,
    decimal Price,
    string Currency,
    DateTimeOffset PurchasedAt,
    LeadContact Contact,
    ConsentEvidence Consent);

/// <summary>A line of a buyer's purchase list (no personal data: lists are cheap to show and to log).</summary>
public sealed record PurchaseSummary(Guid LeadId, Guid LotId, string Vertical, string Region, string Need, decimal Price, string Currency, DateTimeOffset PurchasedAt);

/// <summary>A page of a buyer's purchases, oldest first, and the place to continue from.</summary>
public sealed record PurchasePage(IReadOnlyList<PurchaseSummary> Items, PurchaseCursor Next);

/// <summary>
/// The only way to full lead data for buyers. Ownership is part of every query: a lead the buyer did not buy
/// is simply not found, so a guessed id answers 404 rather than revealing that it exists. So is the unlock: a
/// purchase is served once the outbox has unlocked it (<see cref="Auctions.Purchase.UnlockedAt"/>), moments after
/// its lot closed.
/// </summary>
public sealed class PurchasedLeads(IDbContextFactory<MarketDbContext> contexts, LeadProtector protector, TimeProvider time)
{
    /// <summary>The page size when a caller names none.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The largest page a caller may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>
    /// Only purchases unlocked at least this long ago are listed. A purchase joins the list when the outbox unlocks it
    /// (moments after its lot closed, or later if the outbox was held up), stamped with the unlocking node's clock
    /// shortly before that write commits, so one may become visible after another with a later or equal time was
    /// already listed. Waiting this long lets such late commits land before a page can pass them: a purchase whose
    /// unlock commits within this time of its own stamp is never skipped. Ordering by the unlock rather than the
    /// purchase time means a purchase unlocked late still comes after every cursor already handed out.
    /// </summary>
    public static readonly TimeSpan VisibilityHorizon = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The buyer's purchases after <paramref name="after"/>, oldest first in the order (unlocked at, purchase id),
    /// at most <paramref name="limit"/> of them, with the place to continue from: after the last one listed, or
    /// <paramref name="after"/> itself when there is nothing new.
    /// </summary>
    public async Task<PurchasePage> ListAsync(string buyerId, PurchaseCursor after, int limit = DefaultLimit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);

        // The horizon is a whole millisecond, as stored: everything at or before it is listed, nothing after.
        var visibleUntil = Db.Time(Db.Millis(time.GetUtcNow() - VisibilityHorizon));
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Purchases.AsNoTracking().Where(p => p.BuyerId == buyerId && p.UnlockedAt != null && p.UnlockedAt <= visibleUntil);
        if (!after.IsStart)
        {
            // Written as a range on (BuyerId, UnlockedAt), the index's order, narrowed by the id within one millisecond.
            DateTimeOffset? at = Db.Time(after.UnlockedAtMillis);
            var id = after.PurchaseId;
            query = query.Where(p => p.UnlockedAt >= at && (p.UnlockedAt > at || p.Id.CompareTo(id) > 0));
        }

        var rows = await (from p in query
                          join lead in db.Leads on p.LeadId equals lead.Id
                          join v in db.Verticals on lead.VerticalId equals v.Id
                          orderby p.UnlockedAt, p.Id
                          select new { p.Id, p.UnlockedAt, Summary = new PurchaseSummary(p.LeadId, p.LotId, v.Name, lead.PostalArea, lead.Need, p.Price, v.Currency, p.PurchasedAt) })
            .Take(limit)
            .ToListAsync(ct);
        var next = rows.Count == 0 ? after : PurchaseCursor.After(rows[^1].UnlockedAt!.Value, rows[^1].Id);
        return new PurchasePage([.. rows.Select(r => r.Summary)], next);
    }

    /// <summary>
    /// The buyer's latest purchases, newest first, at most <paramref name="limit"/>, everything committed (no
    /// horizon): what a person just won shows at once. Systems that sync use <see cref="ListAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<PurchaseSummary>> ListNewestAsync(string buyerId, int limit = MaxLimit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await (from p in db.Purchases.AsNoTracking()
                      where p.BuyerId == buyerId && p.UnlockedAt != null
                      join lead in db.Leads on p.LeadId equals lead.Id
                      join v in db.Verticals on lead.VerticalId equals v.Id
                      orderby p.PurchasedAt descending, p.Id descending
                      select new PurchaseSummary(p.LeadId, p.LotId, v.Name, lead.PostalArea, lead.Need, p.Price, v.Currency, p.PurchasedAt))
            .Take(limit)
            .ToListAsync(ct);
    }

    public async Task<PurchasedLead?> GetAsync(string buyerId, Guid leadId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var row = await (from p in db.Purchases.AsNoTracking()
                         where p.BuyerId == buyerId && p.LeadId == leadId && p.UnlockedAt != null
                         join lead in db.Leads on p.LeadId equals lead.Id
                         join v in db.Verticals on lead.VerticalId equals v.Id
                         select new { p, lead, v.Name, v.Currency })
            .FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        var data = protector.Unprotect(row.lead.ProtectedData);
        return new PurchasedLead(row.lead.Id, row.p.LotId, row.Name, row.lead.PostalArea, row.lead.Need, row.lead.Language, row.lead.Score,
            row.p.Price, row.Currency, row.p.PurchasedAt, data.Contact, data.Consent);
    }
}
