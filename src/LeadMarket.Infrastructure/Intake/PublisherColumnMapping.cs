using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>One of a publisher's own CSV column names and our field it means, remembered from their last mapping.</summary>
public sealed class PublisherColumnMapping
{
    public const int MaxColumnLength = 200;

    public long Id { get; init; }

    public required string PublisherId { get; init; }

    /// <summary>The publisher's column name, trimmed and lowercased (names compare case-insensitively).</summary>
    public required string SourceColumn { get; init; }

    /// <summary>Our field name: a DESIGN §6 snake_case name or a vertical field's name.</summary>
    public required string FieldName { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class PublisherColumnMappingConfiguration : IEntityTypeConfiguration<PublisherColumnMapping>
{
    public void Configure(EntityTypeBuilder<PublisherColumnMapping> b)
    {
        b.Property(x => x.SourceColumn).HasMaxLength(PublisherColumnMapping.MaxColumnLength);
        b.Property(x => x.FieldName).HasMaxLength(PublisherColumnMapping.MaxColumnLength);
        b.HasIndex(x => new { x.PublisherId, x.SourceColumn }).IsUnique();
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.PublisherId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The header mappings publishers made, remembered per publisher so that a file in their own columns is mapped once.</summary>
public sealed class CsvHeaderMappings(IDbContextFactory<MarketDbContext> contexts, TimeProvider time)
{
    /// <summary>The publisher's remembered mapping (empty when they never mapped a column).</summary>
    public async Task<CsvHeaderMapping> ForPublisherAsync(string publisherId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.PublisherColumnMappings.AsNoTracking().Where(m => m.PublisherId == publisherId)
            .Select(m => new { m.SourceColumn, m.FieldName }).Take(1000).ToListAsync(ct);
        return new CsvHeaderMapping(rows.Select(r => KeyValuePair.Create(r.SourceColumn, r.FieldName)));
    }

    /// <summary>Remembers the given columns' meanings (a column mapped to its own name is not stored); other remembered columns stay.</summary>
    public async Task RememberAsync(string publisherId, CsvHeaderMapping mapping, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(mapping);
        var wanted = mapping.Columns
            .Where(c => c.Key.Length <= PublisherColumnMapping.MaxColumnLength && c.Value.Length <= PublisherColumnMapping.MaxColumnLength)
            .Where(c => !string.Equals(c.Key.Trim(), c.Value, StringComparison.OrdinalIgnoreCase))
            .Take(CsvHeaderMapping.MaxColumns)
            .ToDictionary(c => c.Key.Trim().ToLowerInvariant(), c => c.Value, StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var keys = wanted.Keys.ToList();
        var existing = await db.PublisherColumnMappings.Where(m => m.PublisherId == publisherId && keys.Contains(m.SourceColumn)).ToListAsync(ct);
        var now = time.GetUtcNow();
        foreach (var (source, field) in wanted)
        {
            if (existing.FirstOrDefault(m => m.SourceColumn == source) is { } row)
            {
                row.FieldName = field;
                row.UpdatedAt = now;
            }
            else
            {
                db.PublisherColumnMappings.Add(new PublisherColumnMapping { PublisherId = publisherId, SourceColumn = source, FieldName = field, UpdatedAt = now });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
