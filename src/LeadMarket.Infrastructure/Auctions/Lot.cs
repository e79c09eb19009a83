using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// A lead on sale in a room. The auction state (sequence, standings, end) is written only by the bid writer,
/// with an update guarded by <see cref="Version"/>; everything else here is fixed at listing.
/// </summary>
public sealed class Lot
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid RoomId { get; init; }

    public Room? Room { get; init; }

    public required Guid LeadId { get; init; }

    public Intake.Lead? Lead { get; init; }

    public required Guid BatchId { get; init; }

    public required string PublisherId { get; init; }

    public SaleMode SaleMode { get; init; }

    public int Shares { get; init; } = 1;

    public decimal ReservePrice { get; init; }

    public decimal Increment { get; init; }

    public int AntiSnipingSeconds { get; init; }

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset EndsAt { get; set; }

    public LotStatus Status { get; set; } = LotStatus.Open;

    public LotOutcome Outcome { get; set; } = LotOutcome.None;

    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>Public bid sequence: grows by one per visible bid.</summary>
    public long Sequence { get; set; }

    /// <summary>Row version: grows by one per write; the guard of every conditional update.</summary>
    public long Version { get; set; }

    /// <summary>Denormalized for lists: the highest visible bid.</summary>
    public decimal? CurrentPrice { get; set; }

    public int LeadingCount { get; set; }

    /// <summary>The standings (with the hidden maxima), serialized; read and written only by the bid writer.</summary>
    public string StandingsJson { get; set; } = "[]";

    /// <summary>The lot as the auction rules read it (for answers that rank or price it; the writer loads its own).</summary>
    public LotState ToState() => new()
    {
        LotId = Id,
        Terms = new AuctionTerms(SaleMode, Shares, ReservePrice, Increment, TimeSpan.FromSeconds(AntiSnipingSeconds)),
        EndsAt = EndsAt,
        Status = Status,
        Sequence = Sequence,
        Standings = StandingsCodec.Read(StandingsJson),
    };
}

/// <summary>One visible bid. The challenger's own bid carries its <see cref="ClientBidId"/>; proxy bids do not.</summary>
public sealed class Bid
{
    public long Id { get; init; }

    public required Guid LotId { get; init; }

    public long Sequence { get; init; }

    public required string BuyerId { get; init; }

    public decimal Amount { get; init; }

    public bool IsProxy { get; init; }

    public string? ClientBidId { get; init; }

    public DateTimeOffset PlacedAt { get; init; }
}

/// <summary>
/// A won share of a lot. It starts locked (<see cref="UnlockedAt"/> null) and the full lead is served to its buyer
/// once the outbox's <c>purchase.settled</c> handler has unlocked it (decision 010).
/// </summary>
public sealed class Purchase
{
    public Guid Id { get; init; } = Guid.NewGuid();

    public required Guid LotId { get; init; }

    public required Guid LeadId { get; init; }

    public required string BuyerId { get; init; }

    public decimal Price { get; init; }

    public DateTimeOffset PurchasedAt { get; init; }

    /// <summary>When the lead became readable to its buyer; null while the purchase is locked.</summary>
    public DateTimeOffset? UnlockedAt { get; set; }
}
