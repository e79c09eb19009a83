using System.Collections.Immutable;

namespace LeadMarket.Domain.Auctions;

/// <summary>
/// The state of a lot that bid decisions read and write. Immutable: a decision returns a new state, so a
/// decision that loses the database race can simply be thrown away and taken again from fresh state.
/// </summary>
public sealed record LotState
{
    public required Guid LotId { get; init; }

    public required AuctionTerms Terms { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    public LotStatus Status { get; init; } = LotStatus.Open;

    /// <summary>Grows by one per accepted (price-changing) bid; the guard of the conditional update.</summary>
    public long Sequence { get; init; }

    public ImmutableArray<Standing> Standings { get; init; } = [];

    /// <summary>Standings by rank: highest maximum first, and at equal maxima the one set earlier.</summary>
    public IEnumerable<Standing> Ranked =>
        Standings.OrderByDescending(s => s.MaxAmount).ThenBy(s => s.MaxSequence).ThenBy(s => s.AmountSequence);

    /// <summary>The buyers who would win if the lot closed now.</summary>
    public IReadOnlyList<Standing> Leaders => Ranked.Take(Terms.Shares).ToList();

    public bool IsLeading(string buyerId) => Leaders.Any(s => s.BuyerId == buyerId);

    public Standing? StandingOf(string buyerId) => Standings.FirstOrDefault(s => s.BuyerId == buyerId);

    public bool IsOpenAt(DateTimeOffset now) => Status == LotStatus.Open && now < EndsAt;

    /// <summary>The lowest bid that takes a share away from the current leaders, or the reserve while shares are free.</summary>
    public decimal MinimumBid
    {
        get
        {
            var leaders = Leaders;
            return leaders.Count < Terms.Shares
                ? Terms.ReservePrice
                : leaders.Min(l => l.Amount) + Terms.Increment;
        }
    }

    /// <summary>The highest visible bid, or null before the first bid.</summary>
    public decimal? HighestBid => Standings.IsEmpty ? null : Standings.Max(s => s.Amount);

    /// <summary>Shares not yet taken by a leading bid.</summary>
    public int SharesLeft => Terms.Shares - Leaders.Count;

    /// <summary>What a buyer has reserved of their credit on this lot: their maximum while they lead, nothing otherwise.</summary>
    public decimal ReservedBy(string buyerId)
    {
        var leader = Leaders.FirstOrDefault(s => s.BuyerId == buyerId);
        return leader?.MaxAmount ?? 0m;
    }
}
