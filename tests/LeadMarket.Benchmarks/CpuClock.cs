using System.Diagnostics;

namespace LeadMarket.Benchmarks;

/// <summary>CPU time this process spends (all threads: app, baseline server and load generator) over a stretch of work.</summary>
internal readonly struct CpuClock
{
    private readonly TimeSpan start;

    private CpuClock(TimeSpan start) => this.start = start;

    public static CpuClock Start() => new(Process.GetCurrentProcess().TotalProcessorTime);

    public double MicrosecondsPer(int operations) =>
        operations == 0 ? double.NaN : (Process.GetCurrentProcess().TotalProcessorTime - start).TotalMicroseconds / operations;
}
