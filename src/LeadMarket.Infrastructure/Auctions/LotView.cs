using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;

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
    IReadOnlyList<ScoreFactor> ScoreFactors,
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
    string Currency)
{
    /// <summary>The card of a lot in the given state (its prices, shares and bid count come from the auction rules).</summary>
    public static LotView Of(Lot lot, LotState state, LeadCardFacts lead)
    {
        ArgumentNullException.ThrowIfNull(lot);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(lead);
        return new LotView(lot.Id, lot.RoomId, lead.Vertical, lead.PostalArea, lead.Need, lead.Language, lead.Score, lead.ScoreFactors,
            lead.DoubleOptIn, lead.CreatedAt, lot.SaleMode, lot.Shares, state.SharesLeft, lot.ReservePrice, lot.Increment,
            state.HighestBid, state.MinimumBid, checked((int)state.Sequence), state.EndsAt, state.Sequence, state.Status, lot.Outcome, lead.Currency);
    }

    /// <summary>The card of a lot as its stored row reads.</summary>
    public static LotView Of(Lot lot, LeadCardFacts lead)
    {
        ArgumentNullException.ThrowIfNull(lot);
        return Of(lot, lot.ToState(), lead);
    }
}

/// <summary>What a card shows of a lot's lead and vertical: anonymized facts only.</summary>
public sealed record LeadCardFacts(
    string Vertical, string PostalArea, string Need, string Language, int Score, IReadOnlyList<ScoreFactor> ScoreFactors, bool DoubleOptIn,
    DateTimeOffset CreatedAt, string Currency);

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
