namespace LeadMarket.Web.Hubs;

/// <summary>
/// Real time whose timers fire on one thread of their own instead of the thread pool. <see cref="RoomFrames"/> paces
/// the batched feed with it: when a thousand watchers keep the pool busy with socket work, a frame that is due must
/// not wait in the pool's queue behind that work before it even starts. A callback should only start work (a group
/// send hands its writes over and returns); one that blocks holds up every other timer of this clock.
/// </summary>
public sealed partial class PacingClock : TimeProvider, IDisposable
{
    // Lazy deletion: a changed or disposed timer's old entry stays queued and is skipped by its version.
    private readonly PriorityQueue<(PacingTimer Timer, long Version), long> queue = new();
    private readonly object gate = new();
    private readonly Thread thread;
    private readonly ILogger<PacingClock> logger;
    private bool stopped;

    public PacingClock(ILogger<PacingClock> logger)
    {
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "Room frames" };
        thread.Start();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new PacingTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    public void Dispose()
    {
        lock (gate)
        {
            stopped = true;
            Monitor.PulseAll(gate);
        }

        if (Thread.CurrentThread != thread)
        {
            thread.Join();
        }
    }

    private void Schedule(PacingTimer timer, long version, long at)
    {
        lock (gate)
        {
            queue.Enqueue((timer, version), at);
            // Only an entry that is now the earliest changes how long the thread sleeps.
            if (queue.TryPeek(out var first, out _) && first.Timer == timer && first.Version == version)
            {
                Monitor.Pulse(gate);
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            PacingTimer due;
            long dueVersion;
            lock (gate)
            {
                while (true)
                {
                    if (stopped)
                    {
                        return;
                    }

                    if (!queue.TryPeek(out var first, out var at))
                    {
                        Monitor.Wait(gate);
                        continue;
                    }

                    if (!first.Timer.IsCurrent(first.Version))
                    {
                        queue.Dequeue();
                        continue;
                    }

                    var left = at - GetTimestamp();
                    if (left > 0)
                    {
                        // Round up: waking a little late is fine, waking early only spins.
                        Monitor.Wait(gate, TimeSpan.FromMilliseconds(Math.Ceiling(left * 1000.0 / TimestampFrequency)));
                        continue;
                    }

                    queue.Dequeue();
                    (due, dueVersion) = first;
                    break;
                }
            }

            try
            {
                due.Fire(dueVersion);
            }
            catch (Exception ex)
            {
                LogCallbackFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A timer callback on the pacing clock failed")]
    private partial void LogCallbackFailed(Exception ex);

    private sealed class PacingTimer(PacingClock clock, TimerCallback callback, object? state) : ITimer
    {
        private long version;
        private long period = -1;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            long next;
            lock (clock.gate)
            {
                if (version < 0)
                {
                    return false;
                }

                next = ++version;
                this.period = period == Timeout.InfiniteTimeSpan ? -1 : (long)(period.TotalSeconds * clock.TimestampFrequency);
            }

            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Schedule(this, next, clock.GetTimestamp() + (long)(dueTime.TotalSeconds * clock.TimestampFrequency));
            }

            return true;
        }

        public bool IsCurrent(long seen) => version == seen;

        /// <summary>
        /// Runs the callback on the clock's thread (unless the timer was changed or disposed since this run was
        /// queued), first queueing the next run of a periodic timer.
        /// </summary>
        public void Fire(long scheduled)
        {
            long every;
            lock (clock.gate)
            {
                if (version != scheduled)
                {
                    return;
                }

                every = period;
            }

            if (every > 0)
            {
                clock.Schedule(this, scheduled, clock.GetTimestamp() + every);
            }

            callback(state);
        }

        public void Dispose()
        {
            lock (clock.gate)
            {
                version = -1;
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
