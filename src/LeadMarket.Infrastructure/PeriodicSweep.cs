namespace LeadMarket.Infrastructure;

/// <summary>
/// The loop of the market's background sweeps (closing and opening lots, expiring unconfirmed leads, the demo feed):
/// one sweep at once, then one per interval on the given clock, until stopped. A failed sweep is reported and the next
/// one runs as planned, so one bad moment never stops a worker.
/// </summary>
public static class PeriodicSweep
{
    public static async Task RunAsync(TimeSpan interval, TimeProvider time, Func<CancellationToken, Task> sweep, Action<Exception> failed, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(failed);
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await sweep(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }
}
