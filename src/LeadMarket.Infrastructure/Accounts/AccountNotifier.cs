using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Accounts;

/// <summary>A buyer's credit line was set to a new limit (in-process only: it carries the buyer's id).</summary>
public sealed record CreditLineChanged(string BuyerId, decimal CreditLimit);

/// <summary>
/// The in-process fan-out of account changes to the pages a buyer has open (their rooms show the available
/// credit). Like <see cref="Auctions.IAuctionNotifier"/>: publishing never waits on a page.
/// </summary>
public interface IAccountNotifier
{
    /// <summary>Changes to one buyer's account. Dispose the subscription with the component that made it.</summary>
    IDisposable SubscribeBuyer(string buyerId, Func<CreditLineChanged, Task> handler);

    void Publish(CreditLineChanged change);
}

/// <summary>Subscriber lists are immutable arrays swapped on subscribe/unsubscribe; a failing handler is logged.</summary>
public sealed partial class AccountNotifier(ILogger<AccountNotifier> logger) : IAccountNotifier
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Func<CreditLineChanged, Task>>> buyers = new(StringComparer.Ordinal);

    public IDisposable SubscribeBuyer(string buyerId, Func<CreditLineChanged, Task> handler)
    {
        buyers.AddOrUpdate(buyerId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() =>
        {
            while (buyers.TryGetValue(buyerId, out var list))
            {
                var next = list.Remove(handler);
                var done = next.IsEmpty
                    ? buyers.TryRemove(new KeyValuePair<string, ImmutableArray<Func<CreditLineChanged, Task>>>(buyerId, list))
                    : buyers.TryUpdate(buyerId, next, list);
                if (done)
                {
                    return;
                }
            }
        });
    }

    public void Publish(CreditLineChanged change)
    {
        if (!buyers.TryGetValue(change.BuyerId, out var list))
        {
            return;
        }

        foreach (var handler in list)
        {
            _ = RunAsync(handler, change);
        }
    }

    private async Task RunAsync(Func<CreditLineChanged, Task> handler, CreditLineChanged change)
    {
        try
        {
            await handler(change).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogHandlerFailed(ex, nameof(CreditLineChanged));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An account event handler failed for {EventType}")]
    private partial void LogHandlerFailed(Exception ex, string eventType);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;

        public void Dispose() => Interlocked.Exchange(ref dispose, null)?.Invoke();
    }
}
