using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace LeadMarket.Benchmarks;

/// <summary>The machine a run happened on, as the report states it.</summary>
internal sealed record MachineInfo(int Cores, string Cpu, string Memory, string Os, string Runtime, DateTimeOffset Date)
{
    /// <summary>The runtime settings the app ran with in this process: the collector and the shared byte pool.</summary>
    public string Process =>
        $"{(System.Runtime.GCSettings.IsServerGC ? "server GC" : "workstation GC")} ({(System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch ? "not concurrent" : "concurrent")}), " +
        $"shared byte pool keeping {Environment.GetEnvironmentVariable(LeadMarket.Web.ProcessSettings.PoolVariable) ?? "32 (the default)"} arrays per size per core";

    public static MachineInfo Current()
    {
        var cpu = ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();
        var memKb = ReadFirst("/proc/meminfo", "MemTotal")?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        var memory = long.TryParse(memKb, CultureInfo.InvariantCulture, out var kb)
            ? $"{kb / 1024.0 / 1024.0:0.0} GiB"
            : $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024:0.0} GiB";
        return new MachineInfo(Environment.ProcessorCount, cpu, memory, RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, DateTimeOffset.UtcNow);
    }

    private static string? ReadFirst(string file, string key)
    {
        if (!File.Exists(file))
        {
            return null;
        }

        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
        return line?[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    public override string ToString() =>
        $"{Cores} cores ({Cpu}), {Memory} memory, {Os}, {Runtime}, {Date:yyyy-MM-dd HH:mm} UTC";
}

internal static class Report
{
    public static void PrintTable(TextWriter output, IReadOnlyList<FigureResult> results)
    {
        string[] header = ["#", "figure", "metric", "app", "baseline", "ratio", "target", "result"];
        var rows = results.SelectMany(r => r.Rows.Select(row => new[]
        {
            r.Number.ToString(CultureInfo.InvariantCulture), r.Title, row.Metric, row.App, row.Baseline, row.Ratio, row.Target, Verdict(row.Pass),
        }).Concat(r.Checks.Select(c => new[]
        {
            r.Number.ToString(CultureInfo.InvariantCulture), r.Title, "check: " + c.Check, c.Held ? "holds" : c.Detail, "", "", "", c.Held ? "PASS" : "FAIL",
        }))).ToList();
        var widths = header.Select((h, i) => Math.Min(60, rows.Select(r => r[i].Length).Append(h.Length).Max())).ToArray();
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => (c.Length > widths[i] ? c[..(widths[i] - 1)] + "…" : c).PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }

    public static string Markdown(IReadOnlyList<FigureResult> results, BenchSettings settings, MachineInfo machine, string command, TimeSpan elapsed)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"### {char.ToUpperInvariant(settings.Mode[0])}{settings.Mode[1..]} run");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {machine.Cores} cores ({machine.Cpu}), {machine.Memory} memory, {machine.Os}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- .NET: {machine.Runtime}, {machine.Process}; {settings.Processes}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Date: {machine.Date:yyyy-MM-dd HH:mm} UTC; the run took {elapsed.TotalMinutes:0.0} min; figures are medians of {settings.Repetitions} repetitions");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Result: {(results.All(r => r.Passed) ? "every target held" : "targets fell short: " + string.Join("; ", results.SelectMany(r => r.Shortfalls)))}");
        md.AppendLine();
        md.AppendLine("| # | figure | metric | app | baseline | ratio | target | result |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in results)
        {
            foreach (var row in r.Rows)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Number} | {r.Title} | {row.Metric} | {row.App} | {row.Baseline} | {row.Ratio} | {row.Target} | {Verdict(row.Pass)} |");
            }

            foreach (var (check, held, detail) in r.Checks)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Number} | {r.Title} | check: {check} | {(held ? "holds" : "**" + Escape(detail) + "**")} | | | | {(held ? "PASS" : "FAIL")} |");
            }
        }

        md.AppendLine();
        foreach (var r in results)
        {
            md.AppendLine($"**{r.Number}. {r.Title}.** {string.Join(" ", r.Notes.Select(Escape))}");
            var details = r.Checks.Where(c => c.Held).Select(c => $"{c.Check}: {c.Detail}").ToList();
            if (details.Count > 0)
            {
                md.AppendLine();
                md.AppendLine("Checks: " + Escape(string.Join("; ", details)) + ".");
            }

            md.AppendLine();
        }

        return md.ToString().TrimEnd() + Environment.NewLine;
    }

    /// <summary>
    /// Replaces this mode's results section of docs/BENCHMARKS.md (between its markers) and keeps everything else,
    /// so the written analysis around the figures survives a new run.
    /// </summary>
    public static string Write(string repositoryRoot, string mode, string section)
    {
        var path = Path.Combine(repositoryRoot, "docs", "BENCHMARKS.md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var begin = $"<!-- results:{mode}:begin -->";
        var end = $"<!-- results:{mode}:end -->";
        var text = File.Exists(path) ? File.ReadAllText(path) : DefaultDocument;
        var block = begin + Environment.NewLine + section + end;
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        text = from >= 0 && to > from
            ? text[..from] + block + text[(to + end.Length)..]
            : text.TrimEnd() + Environment.NewLine + Environment.NewLine + block + Environment.NewLine;
        File.WriteAllText(path, text);
        return path;
    }

    private const string DefaultDocument = """
        # Benchmarks

        Run `dotnet run -c Release --project tests/LeadMarket.Benchmarks` (add `--quick` for a run under a minute).
        The sections below are written by the suite.

        """;

    private static string Verdict(bool? pass) => pass switch { true => "PASS", false => "FAIL", null => "info" };

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
