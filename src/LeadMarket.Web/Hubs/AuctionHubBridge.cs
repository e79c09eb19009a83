using System.Threading.Channels;
using LeadMarket.Infrastructure.Auctions;
using Microsoft.AspNetCore.SignalR;

namespace LeadMarket.Web.Hubs;

/// <summary>
/// Feeds auction events from the in-process notifier to the hub's room groups, in their public shape. Each shard
/// of watchers (see <see cref="AuctionGroups"/>) has one sender that sends events in the order they were published;
/// the notifier's publisher only queues them, so announcing to a thousand watchers never holds up a bid's answer.
/// </summary>
public sealed partial class AuctionHubBridge(IAuctionNotifier notifier, IHubContext<AuctionHub, IAuctionClient> hub, ILogger<AuctionHubBridge> logger) : IHostedService
{
    private readonly Channel<Outgoing>[] shards = [.. Enumerable.Range(0, AuctionGroups.Shards)
        .Select(_ => Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true }))];

    private IDisposable? subscription;
    private Task[] senders = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        senders = [.. shards.Select((channel, shard) => Task.Run(() => SendAsync(channel.Reader, shard), CancellationToken.None))];
        subscription = notifier.SubscribeAll(ForwardAsync);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        subscription?.Dispose();
        foreach (var channel in shards)
        {
            channel.Writer.TryComplete();
        }

        await Task.WhenAll(senders).WaitAsync(cancellationToken);
    }

    private Task ForwardAsync(AuctionEvent auctionEvent)
    {
        Func<IAuctionClient, Task>? send = auctionEvent switch
        {
            LotOpenedEvent e => client => client.LotOpened(e.Lot),
            BidAcceptedEvent e => Message(new BidAcceptedMessage(e.LotId, e.Price, e.BidderAlias, e.Sequence, e.EndsAt, e.MinimumBid, e.SharesLeft, e.IsProxy)),
            LotExtendedEvent e => Message(new LotExtendedMessage(e.LotId, e.EndsAt)),
            LotClosedEvent e => Message(new LotClosedMessage(e.LotId, e.Outcome.ToString(), [.. e.Winners.Select(w => w.Alias)])),
            _ => null,
        };
        if (send is not null)
        {
            foreach (var channel in shards)
            {
                channel.Writer.TryWrite(new Outgoing(auctionEvent.RoomId, auctionEvent.LotId, send));
            }
        }

        return Task.CompletedTask;
    }

    private static Func<IAuctionClient, Task> Message(BidAcceptedMessage message) => client => client.BidAccepted(message);

    private static Func<IAuctionClient, Task> Message(LotExtendedMessage message) => client => client.LotExtended(message);

    private static Func<IAuctionClient, Task> Message(LotClosedMessage message) => client => client.LotClosed(message);

    private async Task SendAsync(ChannelReader<Outgoing> reader, int shard)
    {
        await foreach (var outgoing in reader.ReadAllAsync())
        {
            try
            {
                await outgoing.Send(hub.Clients.Group(AuctionGroups.Room(outgoing.RoomId, shard)));
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSendFailed(ex, outgoing.LotId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending an auction event of lot {LotId} to a room's watchers failed")]
    private partial void LogSendFailed(Exception ex, Guid lotId);

    private sealed record Outgoing(Guid RoomId, Guid LotId, Func<IAuctionClient, Task> Send);
}
