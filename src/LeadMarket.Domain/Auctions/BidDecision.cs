using System.Collections.Immutable;

namespace LeadMarket.Domain.Auctions;

/// <summary>A buyer's attempt to bid. <paramref name="MaxAmount"/> is an optional proxy maximum.</summary>
public sealed record BidAttempt(string BuyerId, decimal Amount, decimal? MaxAmount);

/// <summary>A visible bid the decision produced: the bidder's own, or a proxy bid made for a competitor.</summary>
public sealed record PlacedBid(long Sequence, string BuyerId, decimal Amount, bool IsProxy);

/// <summary>What a buyer's open exposure changes by when a decision is written.</summary>
public sealed record ExposureChange(string BuyerId, decimal Delta);

public abstract record BidDecision
{
    private BidDecision()
    {
    }

    public sealed record Accepted(
        LotState Before,
        LotState After,
        ImmutableArray<PlacedBid> Bids,
        ImmutableArray<ExposureChange> ExposureChanges,
        bool Extended) : BidDecision
    {
        /// <summary>Whether the bidder holds a share after the decision (false: a proxy bid outbid them at once).</summary>
        public required bool BidderLeads { get; init; }

        /// <summary>True when a leader only raised their hidden maximum: no visible bid, no sequence step.</summary>
        public bool MaximumOnly => Bids.IsEmpty;
    }

    public sealed record Rejected(BidRejection Reason) : BidDecision;
}
