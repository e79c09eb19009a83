using System.Diagnostics;
using System.Globalization;

namespace LeadMarket.Benchmarks;

/// <summary>
/// The benchmark suite: <c>dotnet run -c Release --project tests/LeadMarket.Benchmarks -- [--quick] [--only 1,2,3,6] [--no-write]</c>.
/// Starts the real app and a bare baseline server in this process, runs the figures, prints a table, writes
/// docs/BENCHMARKS.md, and exits 0 only if every target held.
/// </summary>
internal static class BenchmarkProgram
{
    private static readonly string[] Titles = ["Fan-out", "Durable bid decisions", "Bid round trip", "Circuit cost", "Room render", "Intake"];

    public static async Task<int> Main(string[] args)
    {
        // The app's server runs in this process: the same process settings as its Program, before anything rents a buffer.
        LeadMarket.Web.ProcessSettings.Apply();
        var quick = args.Contains("--quick");
        var write = !args.Contains("--no-write");
        var only = ParseOnly(args);
        var resultFile = ValueOf(args, "--result");
        if (only is null || (args.Contains("--result") && resultFile is null)
            || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a is not ("--quick" or "--no-write" or "--only" or "--result")))
        {
            Console.Error.WriteLine("usage: dotnet run -c Release --project tests/LeadMarket.Benchmarks -- [--quick] [--only 1,2,3,6] [--no-write]");
            return 2;
        }

        // The test host finds the app's content root through the manifest next to this program, looked up from the
        // current directory; `dotnet run --project` starts in the repository root.
        Directory.SetCurrentDirectory(AppContext.BaseDirectory);
        var settings = quick ? BenchSettings.Quick : BenchSettings.Full;
        var machine = MachineInfo.Current();
        var log = Console.Out;
        log.WriteLine($"LeadMarket benchmarks ({settings.Mode}) on {machine}");
        log.WriteLine($"  {machine.Process}; {PoolCheck()}");

        // A thousand client connections share this process with the server: start with enough pool threads that a
        // burst does not wait for the pool to grow.
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), io);

        var clock = Stopwatch.StartNew();
        var results = only.Length == 1 || resultFile is not null
            ? await RunHereAsync(only, settings, log)
            : await RunInProcessesOfTheirOwnAsync(only, quick, log);
        if (resultFile is not null)
        {
            // A figure run for a parent suite: it reports, the parent prints and writes.
            await FigureRecord.WriteAsync(resultFile, results);
            return 0;
        }

        log.WriteLine();
        Report.PrintTable(log, results);
        log.WriteLine();
        var shortfalls = results.SelectMany(r => r.Shortfalls).ToList();
        foreach (var shortfall in shortfalls)
        {
            log.WriteLine("FELL SHORT: " + shortfall);
        }

        if (write)
        {
            var command = "dotnet run -c Release --project tests/LeadMarket.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(' ', args.Where(a => a != "--no-write")) : "");
            var section = Report.Markdown(results, settings, machine, command, clock.Elapsed);
            var path = Report.Write(RepositoryRoot(), settings.Mode, section);
            log.WriteLine($"Wrote {path}");
        }

        log.WriteLine(shortfalls.Count == 0 ? $"All targets held ({clock.Elapsed.TotalSeconds:0} s)." : $"{shortfalls.Count} target(s) fell short ({clock.Elapsed.TotalSeconds:0} s).");
        return shortfalls.Count == 0 ? 0 : 1;
    }

    /// <summary>
    /// Runs the figures in processes of their own (this program again, with <c>--only N --result file</c>), so that no
    /// figure inherits another's heap, thread pool or connections. Measured on 2026-12-07: durable decisions ran at
    /// 7,700–8,600/s alone and at 5,500–6,500/s right after the fan-out's 2,000 connections in the same process. The
    /// full run gives every figure a process, one after the other. The quick run, a check that every path works and
    /// every figure reports, runs the SignalR figures (1–3) in one process and the browser figures (4, 5) in another,
    /// both at once, to stay under a minute: its figures share the cores with each other and are not the measurements
    /// of record. The circuit figure never follows the others in a process: it weighs the heap, and the buffers and
    /// garbage they leave were let go during its rounds (a 4-page round read -222 KB).
    /// </summary>
    private static async Task<List<FigureResult>> RunInProcessesOfTheirOwnAsync(int[] figures, bool quick, TextWriter log)
    {
        if (quick)
        {
            var groups = new[] { figures.Where(n => n <= 3).ToArray(), figures.Where(n => n >= 4).ToArray() }.Where(g => g.Length > 0).ToArray();
            var concurrent = groups.Length > 1;
            if (concurrent)
            {
                log.WriteLine($"-- figures {string.Join(" and ", groups.Select(g => string.Join(',', g)))} in two processes at the same time (quick run: they share the cores)");
            }

            var runs = await Task.WhenAll(groups.Select(g => RunInAProcessAsync(g, quick, log, tagged: concurrent)));
            return [.. runs.SelectMany(r => r)];
        }

        var results = new List<FigureResult>();
        foreach (var number in figures)
        {
            results.AddRange(await RunInAProcessAsync([number], quick, log, tagged: false));
        }

        return results;
    }

    /// <summary>Runs the given figures in one process of their own; a tagged run's output lines carry the figures' numbers.</summary>
    private static async Task<IReadOnlyList<FigureResult>> RunInAProcessAsync(int[] group, bool quick, TextWriter log, bool tagged)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        string[] prefix = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(BenchmarkProgram).Assembly.Location] : [];
        var numbers = string.Join(',', group);
        var file = Path.Combine(Path.GetTempPath(), $"leadmarket-bench-{Environment.ProcessId}-{group[0]}.json");
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = tagged, RedirectStandardError = tagged };
        foreach (var arg in prefix.Concat(["--only", numbers, "--no-write", "--result", file]).Concat(quick ? ["--quick"] : []))
        {
            start.ArgumentList.Add(arg);
        }

        if (!tagged)
        {
            log.WriteLine(group.Length == 1 ? $"-- figure {numbers} in a process of its own" : $"-- figures {numbers} in a process of their own");
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {self}.");
        if (tagged)
        {
            var tag = $"[{numbers}] ";
            await Task.WhenAll(ForwardAsync(child.StandardOutput, log, tag), ForwardAsync(child.StandardError, log, tag), child.WaitForExitAsync());
        }
        else
        {
            await child.WaitForExitAsync();
        }

        var reported = child.ExitCode == 0 && File.Exists(file) ? await FigureRecord.ReadAsync(file) : null;
        File.Delete(file);
        return reported ?? [.. group.Select(n => FigureResult.Failed(n, Titles[n - 1], $"its process exited with code {child.ExitCode} and reported nothing"))];
    }

    private static async Task ForwardAsync(StreamReader from, TextWriter log, string tag)
    {
        while (await from.ReadLineAsync() is { } line)
        {
            log.WriteLine(tag + line);
        }
    }

    private static async Task<List<FigureResult>> RunHereAsync(int[] only, BenchSettings settings, TextWriter log)
    {
        var results = new List<FigureResult>();
        using var circuits = new CircuitMeter();
        await using (var market = await MarketHost.StartAsync())
        await using (var bare = await BareHost.StartAsync())
        {
            BrowserSession? session = null;
            async Task<BrowserSession> Browser()
            {
                if (session is null)
                {
                    var buyer = (await market.CreateBuyersAsync(1, withPassword: true))[0];
                    session = await BrowserSession.StartAsync(market.Address, buyer.Email, MarketHost.Password);
                }

                return session;
            }

            try
            {
                foreach (var number in only)
                {
                    log.WriteLine($"{number}. {Titles[number - 1]}");
                    var figureClock = Stopwatch.StartNew();
                    FigureResult result;
                    try
                    {
                        result = number switch
                        {
                            1 => await new FanOutFigure(settings, market, bare).RunAsync(log),
                            2 => await new DurableDecisionsFigure(settings, market, bare).RunAsync(log),
                            3 => await new RoundTripFigure(settings, market, bare).RunAsync(log),
                            4 => await new CircuitCostFigure(settings, market, Browser, circuits).RunAsync(log),
                            5 => await new RoomRenderFigure(settings, market, Browser, circuits).RunAsync(log),
                            _ => await new IntakeFigure(settings, market).RunAsync(log),
                        };
                    }
                    catch (Exception ex)
                    {
                        result = FigureResult.Failed(number, Titles[number - 1], $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
                        log.WriteLine($"  failed: {ex}");
                    }

                    results.Add(result);
                    log.WriteLine($"  done in {figureClock.Elapsed.TotalSeconds:0.0} s: {(result.Passed ? "PASS" : "FAIL")}");
                }
            }
            finally
            {
                if (session is not null)
                {
                    await session.DisposeAsync();
                }
            }
        }

        return results;
    }

    private static string? ValueOf(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && !args[index + 1].StartsWith("--", StringComparison.Ordinal) ? args[index + 1] : null;
    }

    private static int[]? ParseOnly(string[] args)
    {
        var index = Array.IndexOf(args, "--only");
        if (index < 0)
        {
            return [1, 2, 3, 4, 5, 6];
        }

        if (index + 1 >= args.Length)
        {
            return null;
        }

        var numbers = args[index + 1].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, out var n) && n is >= 1 and <= 6 ? n : 0).ToArray();
        return numbers.Length == 0 || numbers.Contains(0) ? null : [.. numbers.Distinct().Order()];
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadMarket.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>Whether the shared byte pool keeps as many 4 KB buffers as the app's process settings ask for.</summary>
    private static string PoolCheck()
    {
        const int count = 256;
        var first = Enumerable.Range(0, count).Select(_ => System.Buffers.ArrayPool<byte>.Shared.Rent(4096)).ToList();
        first.ForEach(a => System.Buffers.ArrayPool<byte>.Shared.Return(a));
        var again = Enumerable.Range(0, count).Select(_ => System.Buffers.ArrayPool<byte>.Shared.Rent(4096)).ToList();
        again.ForEach(a => System.Buffers.ArrayPool<byte>.Shared.Return(a));
        var kept = again.Count(a => first.Contains(a));
        return $"the shared byte pool kept {kept} of {count} returned 4 KB buffers{(kept < count ? " (FEWER THAN THE APP'S SETTING KEEPS: measured with the runtime's default pool)" : "")}";
    }
}
