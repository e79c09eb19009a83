using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.SignalR;

namespace LeadMarket.Web.Hubs;

/// <summary>Feeds auction events from the in-process notifier to the hub's room groups, in their public shape.</summary>
public sealed class AuctionHubBridge(IAuctionNotifier notifier, IHubContext<AuctionHub, IAuctionClient> hub) : IHostedService
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
        return auctionEvent switch
        {
            LotOpenedEvent e => group.LotOpened(e.Lot),
            BidAcceptedEvent e => group.BidAccepted(new BidAcceptedMessage(e.LotId, e.Price, e.BidderAlias, e.Sequence, e.EndsAt, e.MinimumBid, e.SharesLeft, e.IsProxy)),
            LotExtendedEvent e => group.LotExtended(new LotExtendedMessage(e.LotId, e.EndsAt)),
            LotClosedEvent e => group.LotClosed(new LotClosedMessage(e.LotId, e.Outcome.ToString(), [.. e.Winners.Select(w => w.Alias)])),
            _ => Task.CompletedTask,
        };
    }
}
