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

    /// <summary>The buyers who would win if the lot closed now: the first <see cref="AuctionTerms.Shares"/> of <see cref="Ranked"/>.</summary>
    /// <remarks>
    /// Picked in one pass rather than by sorting every standing: a hot lot has dozens of standings, a lot only a
    /// few shares. A standing goes before another only when it ranks strictly higher, so ties keep their order
    /// exactly as the (stable) sort of <see cref="Ranked"/> does. Computed once per state: a decision, its answer
    /// and its events ask for the leaders (and the minimum bid, the shares left) many times over.
    /// </remarks>
    public IReadOnlyList<Standing> Leaders => leaders.Get(this);

    private readonly LeadersCache leaders = new();

    /// <summary>A copy (as <c>with</c> makes) starts without the cached leaders of the state it was made from.</summary>
    private LotState(LotState original)
    {
        LotId = original.LotId;
        Terms = original.Terms;
        EndsAt = original.EndsAt;
        Status = original.Status;
        Sequence = original.Sequence;
        Standings = original.Standings;
        leaders = new();
    }

    /// <summary>Creates a state; set its members with an object initializer.</summary>
    public LotState()
    {
    }

    private List<Standing> PickLeaders()
    {
        var shares = Math.Max(0, Terms.Shares);
        var top = new List<Standing>(Math.Min(shares, Standings.Length) + 1);
        foreach (var standing in Standings)
        {
            var at = top.Count;
            while (at > 0 && RanksBefore(standing, top[at - 1]))
            {
                at--;
            }

            if (at < shares)
            {
                top.Insert(at, standing);
                if (top.Count > shares)
                {
                    top.RemoveAt(top.Count - 1);
                }
            }
        }

        return top;
    }

    /// <summary>The order of <see cref="Ranked"/>: higher maximum, then the maximum set earlier, then the amount set earlier.</summary>
    internal static bool RanksBefore(Standing a, Standing b) =>
        a.MaxAmount != b.MaxAmount ? a.MaxAmount > b.MaxAmount
        : a.MaxSequence != b.MaxSequence ? a.MaxSequence < b.MaxSequence
        : a.AmountSequence < b.AmountSequence;

    // The members below are asked on every decision, answer and room card: plain loops, no enumerator or closure to allocate.
    public bool IsLeading(string buyerId) => LeaderOf(buyerId) is not null;

    public Standing? StandingOf(string buyerId)
    {
        foreach (var standing in Standings)
        {
            if (standing.BuyerId == buyerId)
            {
                return standing;
            }
        }

        return null;
    }

    public bool IsOpenAt(DateTimeOffset now) => Status == LotStatus.Open && now < EndsAt;

    /// <summary>The lowest bid that takes a share away from the current leaders, or the reserve while shares are free.</summary>
    public decimal MinimumBid
    {
        get
        {
            var leaders = Leaders;
            if (leaders.Count < Terms.Shares) // a lot has at least one share, so there is a leader below
            {
                return Terms.ReservePrice;
            }

            var lowest = leaders[0].Amount;
            for (var i = 1; i < leaders.Count; i++)
            {
                lowest = Math.Min(lowest, leaders[i].Amount);
            }

            return lowest + Terms.Increment;
        }
    }

    /// <summary>The highest visible bid, or null before the first bid.</summary>
    public decimal? HighestBid
    {
        get
        {
            decimal? highest = null;
            foreach (var standing in Standings)
            {
                highest = highest is { } h ? Math.Max(h, standing.Amount) : standing.Amount;
            }

            return highest;
        }
    }

    /// <summary>Shares not yet taken by a leading bid.</summary>
    public int SharesLeft => Terms.Shares - Leaders.Count;

    /// <summary>What a buyer has reserved of their credit on this lot: their maximum while they lead, nothing otherwise.</summary>
    public decimal ReservedBy(string buyerId) => LeaderOf(buyerId)?.MaxAmount ?? 0m;

    private Standing? LeaderOf(string buyerId)
    {
        var leaders = Leaders;
        for (var i = 0; i < leaders.Count; i++)
        {
            if (leaders[i].BuyerId == buyerId)
            {
                return leaders[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Holds the leaders once they were picked. It takes no part in the record's equality (two states with the
    /// same members are equal whether or not either was asked for its leaders), and a state's members are set
    /// once, before anyone can ask, so what it holds never goes stale.
    /// </summary>
    private sealed class LeadersCache
    {
        private IReadOnlyList<Standing>? leaders;

        public IReadOnlyList<Standing> Get(LotState state) => leaders ??= state.PickLeaders().AsReadOnly();

        public override bool Equals(object? obj) => obj is LeadersCache;

        public override int GetHashCode() => 0;
    }
}
