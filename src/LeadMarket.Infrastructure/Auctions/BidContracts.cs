using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>A bid as a buyer (page, hub or API) sends it. <see cref="ClientBidId"/> makes retries safe.</summary>
public sealed record PlaceBidCommand(string BuyerId, Guid LotId, decimal Amount, decimal? MaxAmount, string? ClientBidId);

/// <summary>The answer to a bid: accepted or the reason why not, and the lot as it stands afterwards.</summary>
public sealed record PlaceBidResult(
    bool Accepted,
    BidRejection? Rejection,
    Guid LotId,
    decimal? CurrentPrice,
    decimal MinimumBid,
    bool Leading,
    DateTimeOffset EndsAt,
    long Sequence)
{
    /// <summary>True when this answer repeats an earlier one for the same <c>ClientBidId</c>.</summary>
    public bool Repeated { get; init; }

    public static PlaceBidResult Rejected(Guid lotId, BidRejection rejection) =>
        new(false, rejection, lotId, null, 0, false, default, 0);
}
