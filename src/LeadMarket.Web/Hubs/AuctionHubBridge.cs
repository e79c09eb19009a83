using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.SignalR;

namespace LeadMarket.Web.Hubs;

/// <summary>
/// Feeds auction events from the in-process notifier to the hub's room groups, in their public shape: each event to
/// the room's group as it happens, and through <see cref="RoomFrames"/> to the room's batched watchers.
/// </summary>
public sealed class AuctionHubBridge(IAuctionNotifier notifier, IHubContext<AuctionHub, IAuctionClient> hub, RoomFrames frames) : IHostedService
{
    private IDisposable? subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscription = notifier.SubscribeAll(ForwardAsync);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        return Task.CompletedTask;
    }

    private Task ForwardAsync(AuctionEvent auctionEvent)
    {
        var group = hub.Clients.Group(AuctionGroups.Room(auctionEvent.RoomId));
        switch (auctionEvent)
        {
            case BidAcceptedEvent e:
                var bid = new BidAcceptedMessage(e.LotId, e.Price, e.BidderAlias, e.Sequence, e.EndsAt, e.MinimumBid, e.SharesLeft, e.IsProxy);
                frames.Bid(e.RoomId, bid);
                return group.BidAccepted(bid);
            case LotOpenedEvent e:
                frames.Event(e.RoomId, c => c.LotOpened(e.Lot));
                return group.LotOpened(e.Lot);
            case LotExtendedEvent e:
                var extended = new LotExtendedMessage(e.LotId, e.EndsAt);
                frames.Event(e.RoomId, c => c.LotExtended(extended));
                return group.LotExtended(extended);
            case LotClosedEvent e:
                var closed = new LotClosedMessage(e.LotId, e.Outcome.ToString(), [.. e.Winners.Select(w => w.Alias)]);
                frames.Event(e.RoomId, c => c.LotClosed(closed));
                return group.LotClosed(closed);
            default:
                return Task.CompletedTask;
        }
    }
}
