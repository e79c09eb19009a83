using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Outbox;

/// <summary>A buyer's purchased lead became readable (in-process only: a page of that buyer can refresh).</summary>
public sealed record LeadUnlockedEvent(string BuyerId, Guid LeadId, Guid LotId, Guid PurchaseId, DateTimeOffset UnlockedAt);

/// <summary>
/// Publishes <see cref="LeadUnlockedEvent"/>s to the subscribers of their buyer (and to those of all buyers), the way
/// the auction notifier does for rooms: lock-free, handlers not awaited, a failing one logged.
/// </summary>
public sealed partial class LeadUnlockNotifier(ILogger<LeadUnlockNotifier> logger)
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Func<LeadUnlockedEvent, Task>>> buyers = new(StringComparer.Ordinal);
    private ImmutableArray<Func<LeadUnlockedEvent, Task>> everything = [];

    public IDisposable SubscribeBuyer(string buyerId, Func<LeadUnlockedEvent, Task> handler)
    {
        buyers.AddOrUpdate(buyerId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() =>
        {
            while (buyers.TryGetValue(buyerId, out var list))
            {
                var next = list.Remove(handler);
                var done = next.IsEmpty
                    ? buyers.TryRemove(new KeyValuePair<string, ImmutableArray<Func<LeadUnlockedEvent, Task>>>(buyerId, list))
                    : buyers.TryUpdate(buyerId, next, list);
                if (done)
                {
                    return;
                }
            }
        });
    }

    public IDisposable SubscribeAll(Func<LeadUnlockedEvent, Task> handler)
    {
        ImmutableInterlocked.Update(ref everything, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref everything, list => list.Remove(handler)));
    }

    public void Publish(LeadUnlockedEvent unlocked)
    {
        foreach (var handler in everything)
        {
            Dispatch(handler, unlocked);
        }

        if (buyers.TryGetValue(unlocked.BuyerId, out var list))
        {
            foreach (var handler in list)
            {
                Dispatch(handler, unlocked);
            }
        }
    }

    private void Dispatch(Func<LeadUnlockedEvent, Task> handler, LeadUnlockedEvent unlocked)
    {
        Task task;
        try
        {
            task = handler(unlocked);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, unlocked.LotId);
            return;
        }

        if (!task.IsCompletedSuccessfully)
        {
            _ = ObserveAsync(task, unlocked.LotId);
        }
    }

    private async Task ObserveAsync(Task task, Guid lotId)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, lotId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A lead-unlocked handler failed for lot {LotId}")]
    private partial void LogHandlerFailed(Exception ex, Guid lotId);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
