using System.Collections.Concurrent;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>What the pre-ping of one vertical reads from the database: its field rules and its duplicate window.</summary>
public sealed record VerticalIntakeRules(Guid VerticalId, VerticalRules Rules, int DuplicateWindowDays)
{
    public TimeSpan DuplicateWindow => TimeSpan.FromDays(DuplicateWindowDays);
}

/// <summary>
/// The verticals' rules for the pre-ping, read once and kept for <see cref="MaxAge"/>: an import of 200,000 rows asks
/// for them once per vertical, not per row. A change made by <see cref="VerticalFieldAdministration"/> on this node
/// applies at once; one made on another node within <see cref="MaxAge"/>.
/// </summary>
public sealed class VerticalRulesStore(IDbContextFactory<MarketDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<Guid, (VerticalIntakeRules Rules, DateTimeOffset ReadAt)> cache = new();

    /// <summary>The vertical's rules, or null when there is no such vertical.</summary>
    public async Task<VerticalIntakeRules?> GetAsync(Guid verticalId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        if (cache.TryGetValue(verticalId, out var cached) && now - cached.ReadAt < MaxAge)
        {
            return cached.Rules;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var vertical = await db.Verticals.AsNoTracking().Where(v => v.Id == verticalId).Select(v => new { v.Slug, v.DuplicateWindowDays }).FirstOrDefaultAsync(ct);
        if (vertical is null)
        {
            return null;
        }

        var fields = await db.VerticalFields.AsNoTracking().Where(f => f.VerticalId == verticalId).ToListAsync(ct);
        var rules = new VerticalIntakeRules(
            verticalId,
            new VerticalRules(vertical.Slug, [.. fields.OrderBy(f => f.SortOrder).ThenBy(f => f.Name, StringComparer.Ordinal).Select(f => f.ToRule())]),
            vertical.DuplicateWindowDays);
        cache[verticalId] = (rules, now);
        return rules;
    }

    /// <summary>Forgets what was read of a vertical, so the next pre-ping reads its rules anew.</summary>
    public void Invalidate(Guid verticalId) => cache.TryRemove(verticalId, out _);
}
