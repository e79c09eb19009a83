using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The one way to bid: room pages, the hub and the REST API all call <see cref="PlaceBidAsync"/>, so a bid from
/// a browser and one from a buyer's system take the same path.
/// </summary>
public sealed class BidService(AuctionWriter writer)
{
    public const decimal MaximumAmount = AuctionTerms.MaxPrice;
    public const int MaxClientBidIdLength = 64;

    public Task<PlaceBidResult> PlaceBidAsync(PlaceBidCommand command, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(command.BuyerId))
        {
            return Task.FromResult(PlaceBidResult.Rejected(command.LotId, BidRejection.NotABuyer()));
        }

        if (command.Amount > MaximumAmount || command.MaxAmount > MaximumAmount)
        {
            return Task.FromResult(PlaceBidResult.Rejected(command.LotId, BidRejection.OverMarketLimit(MaximumAmount)));
        }

        if (command.ClientBidId is { Length: 0 or > MaxClientBidIdLength })
        {
            return Task.FromResult(PlaceBidResult.Rejected(command.LotId, BidRejection.InvalidClientBidId(MaxClientBidIdLength)));
        }

        return writer.PlaceBidAsync(command, cancellationToken);
    }
}
