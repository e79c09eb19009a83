using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>The pre-ping's rules of a vertical (its admin-defined fields), read from the database and kept for a short while.</summary>
public sealed class VerticalRulesStore(IDbContextFactory<MarketDbContext> contexts, TimeProvider time)
{
    /// <summary>How long a vertical's rules are kept before they are read again (an admin's change shows after at most this).</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    private readonly Dictionary<Guid, (VerticalRules Rules, DateTimeOffset Until)> cache = [];
    private readonly Lock gate = new();

    public async Task<VerticalRules> ForVerticalAsync(Guid verticalId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (cache.TryGetValue(verticalId, out var hit) && hit.Until > now)
            {
                return hit.Rules;
            }
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var slug = await db.Verticals.AsNoTracking().Where(v => v.Id == verticalId).Select(v => v.Slug).FirstOrDefaultAsync(ct) ?? "";
        var fields = await db.VerticalFields.AsNoTracking().Where(f => f.VerticalId == verticalId)
            .OrderBy(f => f.SortOrder).ThenBy(f => f.Name).ToListAsync(ct);
        var rules = new VerticalRules(slug, [.. fields.Select(f => f.ToRule())]);
        lock (gate)
        {
            cache[verticalId] = (rules, now + CacheFor);
        }

        return rules;
    }

    /// <summary>Drops a vertical's cached rules (after an admin changed its fields on this node).</summary>
    public void Forget(Guid verticalId)
    {
        lock (gate)
        {
            cache.Remove(verticalId);
        }
    }
}
