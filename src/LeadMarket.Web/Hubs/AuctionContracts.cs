using LeadMarket.Infrastructure.Auctions;

namespace LeadMarket.Web.Hubs;

// The hub's wire contract (DESIGN §6). Buyer systems program against these names: change them only together
// with the documentation.

/// <summary>A bid from a client. The same <see cref="ClientBidId"/> sent twice is one bid.</summary>
public sealed record PlaceBidRequest(Guid LotId, decimal Amount, decimal? MaxAmount, string? ClientBidId);

public sealed record PlaceBidResponse(
    bool Accepted,
    string? Reason,
    string? ReasonCode,
    Guid LotId,
    decimal? CurrentPrice,
    decimal MinimumBid,
    bool Leading,
    DateTimeOffset EndsAt,
    long Sequence,
    bool Repeated)
{
    /// <summary>The answer with the rejection's English text.</summary>
    public static PlaceBidResponse From(PlaceBidResult r) => From(r, r.Rejection?.Message);

    /// <summary>The answer with <paramref name="reason"/> as the rejection's text (in the caller's language); the code stays.</summary>
    public static PlaceBidResponse From(PlaceBidResult r, string? reason) =>
        new(r.Accepted, r.Rejection is null ? null : reason, r.Rejection?.Code.ToString(), r.LotId, r.CurrentPrice, r.MinimumBid, r.Leading, r.EndsAt, r.Sequence, r.Repeated);
}

/// <summary>An accepted bid as every watcher sees it: an alias, never who bid; never a maximum.</summary>
public sealed record BidAcceptedMessage(Guid LotId, decimal Price, string BidderAlias, long Sequence, DateTimeOffset EndsAt, decimal MinimumBid, int SharesLeft, bool IsProxy);

public sealed record LotExtendedMessage(Guid LotId, DateTimeOffset EndsAt);

public sealed record LotClosedMessage(Guid LotId, string Outcome, IReadOnlyList<string> Winners);

/// <summary>What <c>JoinRoom</c> answers: the room's open lots now, and the caller's own positions.</summary>
public sealed record RoomSnapshotMessage(Guid RoomId, string Name, string Vertical, IReadOnlyList<LotView> Lots, IReadOnlyList<MyLotPosition> Mine, DateTimeOffset ServerTime);

/// <summary>Server-to-client calls. Push-only: clients never call each other through the hub.</summary>
public interface IAuctionClient
{
    Task LotOpened(LotView card);

    Task BidAccepted(BidAcceptedMessage message);

    /// <summary>To batched watchers (<c>JoinRoomBatched</c>): the room's bids accepted since its last frame, oldest first.</summary>
    Task BidsAccepted(IReadOnlyList<BidAcceptedMessage> bids);

    Task LotExtended(LotExtendedMessage message);

    Task LotClosed(LotClosedMessage message);
}

public static class AuctionGroups
{
    public static string Room(Guid roomId) => $"room:{roomId:N}";

    /// <summary>The room's watchers that take accepted bids in frames (<c>BidsAccepted</c>).</summary>
    public static string BatchedRoom(Guid roomId) => $"room:{roomId:N}:batched";
}
