using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Leads;

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

/// <summary>
/// The only way to full lead data for buyers. Ownership is part of every query: a lead the buyer did not buy
/// is simply not found, so a guessed id answers 404 rather than revealing that it exists. So is the unlock: a
/// purchase is served once the outbox has unlocked it (<see cref="Auctions.Purchase.UnlockedAt"/>), moments after
/// its lot closed.
/// </summary>
public sealed class PurchasedLeads(IDbContextFactory<MarketDbContext> contexts, LeadProtector protector)
{
    public async Task<IReadOnlyList<PurchaseSummary>> ListAsync(string buyerId, DateTimeOffset? since = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Purchases.AsNoTracking().Where(p => p.BuyerId == buyerId && p.UnlockedAt != null);
        if (since is { } s)
        {
            query = query.Where(p => p.PurchasedAt > s);
        }

        return await (from p in query
                      join lead in db.Leads on p.LeadId equals lead.Id
                      join v in db.Verticals on lead.VerticalId equals v.Id
                      orderby p.PurchasedAt descending
                      select new PurchaseSummary(p.LeadId, p.LotId, v.Name, lead.PostalArea, lead.Need, p.Price, v.Currency, p.PurchasedAt))
            .Take(1000)
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
