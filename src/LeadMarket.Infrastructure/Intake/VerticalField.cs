using LeadMarket.Domain.Intake;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// One of a vertical's own fields, as an admin defined it (its type, whether it is required, its minimum
/// criterion). The pre-ping reads them as <see cref="VerticalFieldRule"/>s.
/// </summary>
public sealed class VerticalField
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid VerticalId { get; init; }

    /// <summary>The key in a lead's <c>fields</c> and the CSV column (snake_case, e.g. <c>roof_m2</c>).</summary>
    public required string Name { get; set; }

    /// <summary>What people read (the publisher's form, the card).</summary>
    public required string Label { get; set; }

    public VerticalFieldKind Kind { get; set; }

    public bool Required { get; set; }

    /// <summary>For choice fields: the allowed values, comma separated.</summary>
    public string? Choices { get; set; }

    public decimal? Minimum { get; set; }

    public decimal? Maximum { get; set; }

    /// <summary>For yes/no and choice fields: the value(s), comma separated, a listable lead must have.</summary>
    public string? MustBe { get; set; }

    public int SortOrder { get; set; }

    public VerticalFieldRule ToRule() => new(Name, Kind, Required,
        Choices is null ? null : Choices.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        Minimum, Maximum, MustBe);
}
