using System.Diagnostics;
using System.Runtime;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Untimed rounds of a figure's paths until the JIT has little left to compile. The runtime compiles a method quickly
/// at its first call, and once it is hot compiles it again with optimizations, and again with the profile it gathered,
/// on a background thread over the following tens of seconds; on two cores that work takes from the figure's, and a
/// repetition that overlaps it measures a process still warming up. Seen on 2026-12-07 (figure 2, rounds of 11 s):
/// 10,285, 2,124, 414 and 118 methods compiled per round; with a single 6-second round before them, every full run's
/// repetitions rose one after the other (7,453 / 8,589 / 9,815 decisions/s).
/// </summary>
internal static class JitWarmup
{
    /// <summary>A round that compiled no more methods than this leaves the repetitions little to compile.</summary>
    public const int SettledMethods = 25;

    /// <summary>Methods compiled by the JIT in this process so far (all threads, all tiers).</summary>
    public static long Compiled => JitInfo.GetCompiledMethodCount();

    /// <summary>Runs <paramref name="work"/> and counts the methods compiled meanwhile.</summary>
    public static async Task<(T Result, long Compiled)> CountAsync<T>(Func<Task<T>> work)
    {
        var before = Compiled;
        var result = await work();
        return (result, Compiled - before);
    }

    /// <summary>
    /// Runs <paramref name="round"/> (given its number; it returns what to log of it and how many methods were compiled
    /// during its timed part, see <see cref="CountAsync{T}"/>: the setup between parts, such as listing lots, runs too
    /// rarely to settle) until a round compiles at most <see cref="SettledMethods"/> methods or <paramref name="maxRounds"/>
    /// have run; returns a line for the log.
    /// </summary>
    public static async Task<string> UntilSettledAsync(int maxRounds, Func<int, Task<(string Said, long Compiled)>> round)
    {
        var clock = Stopwatch.StartNew();
        var rounds = new List<string>();
        var settled = false;
        for (var i = 0; i < maxRounds && !settled; i++)
        {
            var (said, compiled) = await round(i);
            settled = compiled <= SettledMethods;
            rounds.Add($"{said}, {compiled:#,0} methods compiled");
        }

        return $"warmed up in {rounds.Count} round(s), {clock.Elapsed.TotalSeconds:0} s{(settled ? "" : ", still compiling")}: {string.Join("; ", rounds)}";
    }
}
