using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The anonymized lead card of a lot: everything a buyer may see before buying. No name, email, phone,
/// street or full postal code can be reached from here.
/// </summary>
public sealed record LotView(
    Guid LotId,
    Guid RoomId,
    string Vertical,
    string Region,
    string Need,
    string Language,
    int Score,
    string ScoreFactors,
    bool DoubleOptIn,
    DateTimeOffset LeadCreatedAt,
    SaleMode SaleMode,
    int Shares,
    int SharesLeft,
    decimal ReservePrice,
    decimal Increment,
    decimal? CurrentPrice,
    decimal MinimumBid,
    int BidCount,
    DateTimeOffset EndsAt,
    long Sequence,
    LotStatus Status,
    LotOutcome Outcome,
    string Currency);

public enum MyLotStatus
{
    None,
    Leading,
    Outbid,
    Won,
    Lost,
}

/// <summary>What one buyer sees of their own position on a lot (their maximum is shown to them alone).</summary>
public sealed record MyLotPosition(Guid LotId, MyLotStatus Status, decimal? MyBid, decimal? MyMaximum);

public sealed record RoomSummary(Guid RoomId, string Name, string Vertical, string VerticalSlug, string? Region, string Currency, int OpenLots);

public sealed record RoomSnapshot(RoomSummary Room, IReadOnlyList<LotView> Lots, IReadOnlyList<MyLotPosition> Mine);

/// <summary>A visible bid in a lot's history.</summary>
public sealed record BidView(long Sequence, string BidderAlias, decimal Amount, bool IsProxy, DateTimeOffset PlacedAt);
