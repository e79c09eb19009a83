using System.Diagnostics;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>Waits for a condition by polling it (never by sleeping a guessed time).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string because = "the condition to hold")
    {
        var limit = timeout ?? DefaultTimeout;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                Assert.Fail($"Waited {limit.TotalSeconds:0.#} s for {because}.");
            }

            await Task.Delay(PollInterval);
        }
    }

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string because = "the condition to hold") =>
        TrueAsync(() => Task.FromResult(condition()), timeout, because);
}
