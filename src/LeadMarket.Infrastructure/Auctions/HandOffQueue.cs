using System.Collections.Concurrent;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Work handed to one consuming thread (the auction writer's, its events thread's) by any number of producers.
/// <para>
/// Unlike <see cref="BlockingCollection{T}"/>, a consumer that finds the queue empty goes straight to sleep instead of
/// spinning and yielding first: on a machine of two cores the spinning took the very core that the bid's next step
/// (the hub answering it, the next bidder's request) was waiting for (docs/decisions/005).
/// </para>
/// <para>
/// <see cref="CompleteAdding"/> waits for adds already under way, so after it returns every item that
/// <see cref="TryAdd"/> accepted is in the queue, where the consumer finds it: no accepted item is left behind.
/// </para>
/// </summary>
internal sealed class HandOffQueue<T> : IDisposable
{
    private readonly ConcurrentQueue<T> items = new();
    private readonly ManualResetEventSlim ready = new(initialState: false, spinCount: 0);
    private int adding;
    private int completed;

    /// <summary>Queues an item; false once <see cref="CompleteAdding"/> was called.</summary>
    public bool TryAdd(T item)
    {
        Interlocked.Increment(ref adding);
        try
        {
            if (Volatile.Read(ref completed) != 0)
            {
                return false;
            }

            items.Enqueue(item);
        }
        finally
        {
            Interlocked.Decrement(ref adding);
        }

        ready.Set();
        return true;
    }

    /// <summary>Takes an item if one is waiting, without blocking.</summary>
    public bool TryTake(out T item) => items.TryDequeue(out item!);

    /// <summary>
    /// Takes the next item, sleeping until one comes; false when adding was completed and nothing is left.
    /// Throws <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> is cancelled while it waits.
    /// </summary>
    public bool Take(out T item, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Reset before looking: an item queued after the reset sets the event again, so the wait below returns
            // at once; one queued before it is found by the look.
            ready.Reset();
            if (items.TryDequeue(out item!))
            {
                return true;
            }

            if (Volatile.Read(ref completed) != 0 && Volatile.Read(ref adding) == 0 && items.IsEmpty)
            {
                return false;
            }

            ready.Wait(cancellationToken);
        }
    }

    /// <summary>
    /// Waits up to <paramref name="timeout"/> for an item without taking it: false only when the time passed with
    /// nothing queued (true also once adding was completed, so that <see cref="Take"/> ends at once).
    /// </summary>
    public bool Wait(TimeSpan timeout, CancellationToken cancellationToken)
    {
        ready.Reset();
        return !items.IsEmpty || Volatile.Read(ref completed) != 0 || ready.Wait(timeout, cancellationToken);
    }

    /// <summary>Refuses further items and wakes the consumer; returns once adds already under way have landed.</summary>
    public void CompleteAdding()
    {
        Interlocked.Exchange(ref completed, 1);
        var spinner = default(SpinWait);
        while (Volatile.Read(ref adding) != 0)
        {
            spinner.SpinOnce();
        }

        ready.Set();
    }

    public void Dispose() => ready.Dispose();
}
