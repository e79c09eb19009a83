using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Infrastructure.Tests.Support;

/// <summary>
/// A fake clock whose timers never fire: time moves only when a test moves it, and nothing runs on its own when it
/// does. The app's closing sweep (a periodic timer on this clock) therefore runs once at start and afterwards only
/// when a test calls it, so a test decides who closes a lot and when.
/// </summary>
public sealed class ManualClock() : FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()))
{
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
}
