using LeadMarket.Domain.Auctions;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Something that happened in a room. These are in-process events: they carry buyer ids so that a page can
/// tell a buyer "you lead"; whatever leaves the server (hub, API) is mapped to a public shape without them.
/// </summary>
public abstract record AuctionEvent(Guid RoomId, Guid LotId);

public sealed record LotOpenedEvent(Guid RoomId, LotView Lot) : AuctionEvent(RoomId, Lot.LotId);

public sealed record BidAcceptedEvent(
    Guid RoomId,
    Guid LotId,
    long Sequence,
    decimal Price,
    string BidderId,
    string BidderAlias,
    bool IsProxy,
    DateTimeOffset EndsAt,
    decimal MinimumBid,
    int SharesLeft,
    IReadOnlyList<string> LeaderIds,
    DateTimeOffset PlacedAt) : AuctionEvent(RoomId, LotId);

public sealed record LotExtendedEvent(Guid RoomId, Guid LotId, DateTimeOffset EndsAt) : AuctionEvent(RoomId, LotId);

public sealed record LotClosedEvent(
    Guid RoomId,
    Guid LotId,
    LotOutcome Outcome,
    IReadOnlyList<WinnerView> Winners,
    DateTimeOffset ClosedAt) : AuctionEvent(RoomId, LotId);

public sealed record WinnerView(string BuyerId, string Alias, decimal Price);

/// <summary>
/// The in-process fan-out of auction events: the hub bridge and every open room page subscribe here. A
/// backplane (Redis, for several nodes) feeds remote events in through <see cref="Publish"/> as well.
/// </summary>
public interface IAuctionNotifier
{
    /// <summary>Events of one room. Dispose the subscription with the component that made it.</summary>
    IDisposable SubscribeRoom(Guid roomId, Func<AuctionEvent, Task> handler);

    /// <summary>Every event of every room (the hub bridge, publisher desks).</summary>
    IDisposable SubscribeAll(Func<AuctionEvent, Task> handler);

    void Publish(AuctionEvent auctionEvent);
}
