using System.Collections.Concurrent;
using LeadMarket.Web.Hubs;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>The clock that paces the batched feed: its timers fire on its own thread, once per schedule, never early.</summary>
public sealed class PacingClockTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly PacingClock clock = new(NullLogger<PacingClock>.Instance);

    public void Dispose() => clock.Dispose();

    [Fact]
    public async Task A_timer_fires_once_on_the_clocks_own_thread_and_not_before_it_is_due()
    {
        var fired = new TaskCompletionSource<(string? Thread, bool Pool, long At)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        var start = clock.GetTimestamp();

        using var timer = clock.CreateTimer(
            _ =>
            {
                Interlocked.Increment(ref count);
                fired.TrySetResult((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, clock.GetTimestamp()));
            },
            null, TimeSpan.FromMilliseconds(30), Timeout.InfiniteTimeSpan);

        var (thread, pool, at) = await fired.Task.WaitAsync(Patience);
        Assert.Equal("Room frames", thread);
        Assert.False(pool);
        Assert.True(clock.GetElapsedTime(start, at) >= TimeSpan.FromMilliseconds(30), "The timer fired before it was due.");
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task A_timer_moved_earlier_fires_at_its_new_time_and_only_once()
    {
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        using var timer = clock.CreateTimer(_ => { Interlocked.Increment(ref count); fired.TrySetResult(); }, null, TimeSpan.FromHours(1), Timeout.InfiniteTimeSpan);

        Assert.True(timer.Change(TimeSpan.FromMilliseconds(10), Timeout.InfiniteTimeSpan));

        await fired.Task.WaitAsync(Patience);
        await Task.Delay(100);
        Assert.Equal(1, Volatile.Read(ref count));
    }

    [Fact]
    public async Task A_stopped_or_disposed_timer_does_not_fire_and_others_still_do()
    {
        var fired = new ConcurrentQueue<string>();
        var last = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopped = clock.CreateTimer(_ => fired.Enqueue("stopped"), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        var disposed = clock.CreateTimer(_ => fired.Enqueue("disposed"), null, TimeSpan.FromMilliseconds(20), Timeout.InfiniteTimeSpan);
        using var kept = clock.CreateTimer(_ => { fired.Enqueue("kept"); last.TrySetResult(); }, null, TimeSpan.FromMilliseconds(60), Timeout.InfiniteTimeSpan);

        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        disposed.Dispose();

        await last.Task.WaitAsync(Patience);
        Assert.Equal(["kept"], fired);
        Assert.False(disposed.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        stopped.Dispose();
    }

    [Fact]
    public async Task A_periodic_timer_keeps_firing_and_a_failing_callback_does_not_stop_the_clock()
    {
        var ticks = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var failing = clock.CreateTimer(_ => throw new InvalidOperationException("boom"), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(5));
        using var periodic = clock.CreateTimer(
            _ =>
            {
                if (Interlocked.Increment(ref ticks) == 3)
                {
                    enough.TrySetResult();
                }
            },
            null, TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5));

        await enough.Task.WaitAsync(Patience);
    }
}
