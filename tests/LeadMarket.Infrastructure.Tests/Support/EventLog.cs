using System.Collections.Concurrent;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;

namespace LeadMarket.Infrastructure.Tests.Support;

/// <summary>Records every auction event a node publishes, in publishing order.</summary>
public sealed class EventLog : IDisposable
{
    private readonly ConcurrentQueue<AuctionEvent> events = new();
    private readonly IDisposable subscription;

    public EventLog(IAuctionNotifier notifier) =>
        subscription = notifier.SubscribeAll(e =>
        {
            events.Enqueue(e);
            return Task.CompletedTask;
        });

    public IReadOnlyList<AuctionEvent> All => [.. events];

    public IReadOnlyList<T> Of<T>(Guid lotId)
        where T : AuctionEvent => [.. events.OfType<T>().Where(e => e.LotId == lotId)];

    /// <summary>Waits until at least <paramref name="count"/> events of a kind arrived for a lot, and returns them.</summary>
    public async Task<IReadOnlyList<T>> WaitForAsync<T>(Guid lotId, int count = 1)
        where T : AuctionEvent
    {
        await Eventually.TrueAsync(() => Of<T>(lotId).Count >= count, $"{count} {typeof(T).Name}(s) for lot {lotId}");
        return Of<T>(lotId);
    }

    public void Dispose() => subscription.Dispose();
}
