namespace LeadMarket.Infrastructure.Auctions;

/// <summary>The topic of a lead (insurance, solar, ...), with the market's defaults for it.</summary>
public sealed class Vertical
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required string Slug { get; init; }

    public required string Name { get; set; }

    public string Currency { get; set; } = "EUR";

    public decimal DefaultReservePrice { get; set; } = 10m;

    public decimal MinimumIncrement { get; set; } = 0.50m;

    public int ReturnWindowDays { get; set; } = 7;

    /// <summary>A lead is a duplicate if its email or phone matches a lead of this vertical from the last N days.</summary>
    public int DuplicateWindowDays { get; set; } = 30;
}

/// <summary>A live bidding room of one vertical.</summary>
public sealed class Room
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid VerticalId { get; init; }

    public Vertical? Vertical { get; init; }

    public required string Name { get; set; }

    /// <summary>Optional region the room is limited to, as a postal area prefix (e.g. "DE-8").</summary>
    public string? Region { get; set; }

    public bool IsActive { get; set; } = true;

    public int AntiSnipingSeconds { get; set; } = 15;
}
