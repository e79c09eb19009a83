using System.Globalization;

namespace LeadMarket.Benchmarks;

/// <summary>One line of the results table. <see cref="Pass"/> is null for a figure shown for context only.</summary>
internal sealed record ResultRow(string Metric, string App, string Baseline, string Ratio, string Target, bool? Pass);

/// <summary>What one figure measured: its table rows, the checks it ran, and notes for the report.</summary>
internal sealed class FigureResult(int number, string title)
{
    public int Number { get; } = number;

    public string Title { get; } = title;

    public List<ResultRow> Rows { get; } = [];

    /// <summary>Checks that must hold besides the targets (correctness after a run, the figure could run at all).</summary>
    public List<(string Check, bool Held, string Detail)> Checks { get; } = [];

    public List<string> Notes { get; } = [];

    public bool Passed => Rows.All(r => r.Pass != false) && Checks.All(c => c.Held);

    public IEnumerable<string> Shortfalls =>
        Rows.Where(r => r.Pass == false).Select(r => $"{Number}. {Title}: {r.Metric} = {r.App} (target {r.Target})")
            .Concat(Checks.Where(c => !c.Held).Select(c => $"{Number}. {Title}: {c.Check} — {c.Detail}"));

    public void Check(string check, bool held, string detail) => Checks.Add((check, held, detail));

    /// <summary>A figure that could not run: reported as a failed check, never as a crash of the suite.</summary>
    public static FigureResult Failed(int number, string title, string why)
    {
        var result = new FigureResult(number, title);
        result.Check("figure ran", false, why);
        return result;
    }
}

internal static class Stats
{
    /// <summary>Nearest-rank percentile (p in 0..100) of unsorted values.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    public static double Median(IEnumerable<double> values) => Percentile(values.ToArray(), 50);

    public static string Ms(double ms) => double.IsNaN(ms) ? "n/a" : ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + " ms";

    public static string Rate(double perSecond) => perSecond.ToString("#,0", CultureInfo.InvariantCulture) + "/s";

    public static string Kb(double bytes) => (bytes / 1024).ToString("#,0.0", CultureInfo.InvariantCulture) + " KB";

    public static string Ratio(double ratio) => double.IsNaN(ratio) || double.IsInfinity(ratio) ? "n/a" : ratio.ToString("0.00", CultureInfo.InvariantCulture) + "x";

    public static string Each(IEnumerable<double> values, Func<double, string> format) => string.Join(", ", values.Select(format));

    public static double MillisecondsSince(long startTimestamp, long endTimestamp) =>
        (endTimestamp - startTimestamp) * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
}

/// <summary>A figure's result as a child process hands it to the suite that started it (JSON in a file).</summary>
internal sealed record FigureRecord(int Number, string Title, List<ResultRow> Rows, List<CheckRecord> Checks, List<string> Notes)
{
    public static async Task WriteAsync(string path, IEnumerable<FigureResult> results)
    {
        var records = results.Select(r => new FigureRecord(
            r.Number, r.Title, r.Rows, [.. r.Checks.Select(c => new CheckRecord(c.Check, c.Held, c.Detail))], r.Notes)).ToList();
        await using var file = File.Create(path);
        await System.Text.Json.JsonSerializer.SerializeAsync(file, records);
    }

    public static async Task<List<FigureResult>> ReadAsync(string path)
    {
        await using var file = File.OpenRead(path);
        var records = await System.Text.Json.JsonSerializer.DeserializeAsync<List<FigureRecord>>(file) ?? [];
        return [.. records.Select(r =>
        {
            var result = new FigureResult(r.Number, r.Title);
            result.Rows.AddRange(r.Rows);
            result.Checks.AddRange(r.Checks.Select(c => (c.Check, c.Held, c.Detail)));
            result.Notes.AddRange(r.Notes);
            return result;
        })];
    }
}

internal sealed record CheckRecord(string Check, bool Held, string Detail);
