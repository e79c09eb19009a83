using System.Diagnostics;

namespace LeadMarket.Benchmarks;

/// <summary>Sends at a fixed rate without waiting for answers (an open loop), so a slow answer cannot slow the offered load.</summary>
internal static class Pacer
{
    public static async Task<List<Task>> RunAsync(int total, int perSecond, Func<int, Task> send)
    {
        var tasks = new List<Task>(total);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var due = i * 1000.0 / perSecond;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 0.5)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait));
            }

            tasks.Add(send(i));
        }

        return tasks;
    }
}
