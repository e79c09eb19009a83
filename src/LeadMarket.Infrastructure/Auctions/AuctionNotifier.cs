using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Lock-free publish: subscriber lists are immutable arrays swapped on (rare) subscribe/unsubscribe, so the
/// bid writer never waits on a page. Handlers run without being awaited by the publisher: a slow page cannot
/// slow the market down, and a failing one is logged, never thrown back at the bid.
/// </summary>
public sealed partial class AuctionNotifier(ILogger<AuctionNotifier> logger) : IAuctionNotifier
{
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Func<AuctionEvent, Task>>> rooms = new();
    private ImmutableArray<Func<AuctionEvent, Task>> everything = [];

    public IDisposable SubscribeRoom(Guid roomId, Func<AuctionEvent, Task> handler)
    {
        rooms.AddOrUpdate(roomId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() =>
        {
            while (rooms.TryGetValue(roomId, out var list))
            {
                var next = list.Remove(handler);
                var done = next.IsEmpty
                    ? rooms.TryRemove(new KeyValuePair<Guid, ImmutableArray<Func<AuctionEvent, Task>>>(roomId, list))
                    : rooms.TryUpdate(roomId, next, list);
                if (done)
                {
                    return;
                }
            }
        });
    }

    public IDisposable SubscribeAll(Func<AuctionEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref everything, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref everything, list => list.Remove(handler)));
    }

    public void Publish(AuctionEvent auctionEvent)
    {
        foreach (var handler in everything)
        {
            Dispatch(handler, auctionEvent);
        }

        if (rooms.TryGetValue(auctionEvent.RoomId, out var list))
        {
            foreach (var handler in list)
            {
                Dispatch(handler, auctionEvent);
            }
        }
    }

    private void Dispatch(Func<AuctionEvent, Task> handler, AuctionEvent auctionEvent)
    {
        Task task;
        try
        {
            task = handler(auctionEvent);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, auctionEvent.GetType().Name, auctionEvent.LotId);
            return;
        }

        if (!task.IsCompletedSuccessfully)
        {
            _ = Observe(task, auctionEvent);
        }
    }

    private async Task Observe(Task task, AuctionEvent auctionEvent)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, auctionEvent.GetType().Name, auctionEvent.LotId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An auction event handler failed for {EventType} of lot {LotId}")]
    private partial void LogHandlerFailed(Exception ex, string eventType, Guid lotId);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
