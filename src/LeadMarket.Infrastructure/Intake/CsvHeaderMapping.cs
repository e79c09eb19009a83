namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// A publisher's own CSV column names mapped to ours (DESIGN §6 snake_case names or a vertical field's name), e.g.
/// <c>"E-Mail-Adresse" → "email"</c>. Column names compare case-insensitively and trimmed.
/// </summary>
public sealed class CsvHeaderMapping
{
    public const int MaxColumns = LeadCsvReader.MaxColumns;

    private readonly Dictionary<string, string> columns;

    public CsvHeaderMapping(IEnumerable<KeyValuePair<string, string>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (source, target) in columns)
        {
            if (!string.IsNullOrWhiteSpace(source) && !string.IsNullOrWhiteSpace(target))
            {
                this.columns[source.Trim()] = target.Trim().ToLowerInvariant();
            }
        }
    }

    public static CsvHeaderMapping Empty { get; } = new([]);

    /// <summary>The publisher's column → our field name.</summary>
    public IReadOnlyDictionary<string, string> Columns => columns;

    /// <summary>Our field name for a publisher's column, when this mapping names one.</summary>
    public string? Target(string sourceColumn) => columns.GetValueOrDefault(sourceColumn.Trim());
}
