namespace LeadMarket.Infrastructure.Outbox;

/// <summary>
/// Wakes this node's <see cref="OutboxWorker"/> at once after a commit that wrote outbox rows (the writer calls
/// <see cref="Notify"/>), so their handling starts within milliseconds instead of at the next poll.
/// </summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Cheap and never blocks: no allocation, and the worker's continuation runs on the thread pool.</summary>
    public void Notify() => Volatile.Read(ref wake).TrySetResult();

    /// <summary>
    /// Waits for a <see cref="Notify"/> (one that came since the last wait returns at once) or for
    /// <paramref name="timeout"/> on <paramref name="time"/>. For one waiter, the worker: it looks for work after this
    /// returns, so a notification that lands meanwhile is for rows committed before that look.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        var current = Volatile.Read(ref wake);
        if (!current.Task.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(timeout, time, stop.Token);
            await Task.WhenAny(current.Task, delay);
            await stop.CancelAsync();
            ct.ThrowIfCancellationRequested();
        }

        Interlocked.CompareExchange(ref wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}
