using System.Diagnostics;
using System.Globalization;
using System.Text;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 6: a generated CSV of distinct, valid leads through the whole intake (streamed reading, the pre-ping,
/// keyed-hash duplicate lookups, encryption, storing leads and lots in chunks), in leads per second, against a
/// parse-only pass of the same file with the same reader (Sep) in the same process; and how much the process's
/// memory grows while the import runs.
/// </summary>
internal sealed class IntakeFigure(BenchSettings settings, MarketHost market)
{
    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        var result = new FigureResult(6, "Intake");
        var rules = (await market.Services.GetRequiredService<VerticalRulesStore>().GetAsync(market.VerticalId))!.Rules;
        var intake = market.Services.GetRequiredService<IntakeService>();
        var room = await market.CreateRoomAsync("intake");
        var fields = rules.Fields.Select(f => f.Name).ToArray();
        var parses = new List<double>();
        var imports = new List<double>();
        var growths = new List<double>();
        var accepted = 0;

        for (var rep = 0; rep < settings.IntakeRepetitions; rep++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"leadmarket-intake-{Environment.ProcessId}-{rep}.csv");
            try
            {
                var bytes = await WriteCsvAsync(path, rep, settings.IntakeRows, rules, market.Time.GetUtcNow());

                var parse = Stopwatch.StartNew();
                var rows = await ParseOnlyAsync(path, fields);
                parses.Add(rows / parse.Elapsed.TotalSeconds);

                var opened = await intake.OpenBatchAsync(market.PublisherId,
                    new BatchSettings($"Bench intake {rep + 1}", room, SaleMode.Exclusive, 1, 10m, 3600, null, 0, HostedDoubleOptIn: false), IntakeMode.Live, default);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                using var process = Process.GetCurrentProcess();
                process.Refresh();
                var before = process.WorkingSet64;
                long peak = before;
                using var sampling = new CancellationTokenSource();
                var sampler = Task.Run(async () =>
                {
                    using var self = Process.GetCurrentProcess();
                    while (!sampling.IsCancellationRequested)
                    {
                        self.Refresh();
                        peak = Math.Max(peak, self.WorkingSet64);
                        await Task.Delay(50);
                    }
                });

                var import = Stopwatch.StartNew();
                await using (var file = File.OpenRead(path))
                {
                    var imported = await intake.ImportCsvAsync(market.PublisherId, opened.BatchId!.Value, file, bytes, null, null, IntakeMode.Live, default);
                    import.Stop();
                    accepted = imported.Totals.Accepted;
                    result.Check($"rep {rep + 1}: every generated lead accepted", imported.Totals.Accepted == rows,
                        $"{imported.Totals.Accepted} of {rows} accepted, {imported.Totals.Rejected} rejected" +
                        (imported.Errors.Count > 0 ? $" (first: {imported.Errors[0]})" : ""));
                }

                await sampling.CancelAsync();
                await sampler;
                imports.Add(accepted / import.Elapsed.TotalSeconds);
                growths.Add((peak - before) / (1024.0 * 1024.0));
                log.WriteLine($"  rep {rep + 1}: {rows:#,0} rows, {bytes / (1024.0 * 1024.0):0.0} MB: import {Stats.Rate(imports[^1])} | parse only {Stats.Rate(parses[^1])} | memory +{growths[^1]:0} MB");
            }
            finally
            {
                File.Delete(path);
            }
        }

        var app = Stats.Median(imports);
        var baseline = Stats.Median(parses);
        var growth = Stats.Median(growths);
        result.Rows.Add(new ResultRow($"Leads through the whole intake ({settings.IntakeRows:#,0}-row CSV)", Stats.Rate(app), "—", "—", "≥ 5,000/s", app >= 5_000));
        result.Rows.Add(new ResultRow("Intake vs parse-only of the same file", Stats.Rate(app), Stats.Rate(baseline), Stats.Ratio(app / baseline), "≥ 0.25x", app / baseline >= 0.25));
        result.Rows.Add(new ResultRow("Process memory growth during the import (working set, peak)", $"{growth:0} MB", "—", "—", "< 200 MB", growth < 200));
        result.Notes.Add($"Per repetition: import {Stats.Each(imports, Stats.Rate)}; parse only {Stats.Each(parses, Stats.Rate)}; memory growth {string.Join(", ", growths.Select(g => g.ToString("0", CultureInfo.InvariantCulture) + " MB"))}.");
        return result;
    }

    private static async Task<int> ParseOnlyAsync(string path, IReadOnlyCollection<string> fields)
    {
        await using var file = File.OpenRead(path);
        await using var reader = await LeadCsvReader.OpenAsync(file, fields, null, default);
        var rows = 0;
        while (await reader.ReadAsync(default) is not null)
        {
            rows++;
        }

        return rows;
    }

    /// <summary>A mobile number of its own for each n, stepping past the few the pre-ping takes for placeholders (runs such as …2345678).</summary>
    private static string Phone(int n)
    {
        var subscriber = 20_000_037 + (n * 37L % 70_000_000);
        while (Authenticity.IsFakePhone($"+49151{subscriber}"))
        {
            subscriber = 20_000_000 + ((subscriber - 20_000_000 + 70_000_001) % 70_000_000);
        }

        return $"+49 151 {subscriber}";
    }

    /// <summary>Distinct, valid leads (their own emails and numbers, the vertical's required fields) as a CSV file; answers its size.</summary>
    private static async Task<long> WriteCsvAsync(string path, int rep, int count, VerticalRules rules, DateTimeOffset now)
    {
        string[] first = ["Anna", "Jonas", "Lea", "Lukas", "Sophie", "Felix", "Marie", "Paul", "Emma", "Elias"];
        string[] last = ["Lehmann", "Brandt", "Vogel", "Roth", "Seidel", "Kuhn", "Engel", "Horn", "Busch", "Berger"];
        string[] places = ["80331,München", "10115,Berlin", "20095,Hamburg", "50667,Köln", "60311,Frankfurt am Main", "70173,Stuttgart", "04109,Leipzig", "01067,Dresden"];
        var fieldValues = rules.Fields.Select(f => f.Kind switch
        {
            VerticalFieldKind.Number => (f.Minimum ?? 1m).ToString(CultureInfo.InvariantCulture),
            VerticalFieldKind.YesNo => f.MustBe ?? "yes",
            VerticalFieldKind.Choice => f.MustBe?.Split(',')[0] ?? f.Choices![0],
            _ => "x",
        }).ToArray();
        var optIn = now.AddHours(-2).ToString("O", CultureInfo.InvariantCulture);
        var sent = now.AddHours(-2).AddMinutes(1).ToString("O", CultureInfo.InvariantCulture);
        var confirmed = now.AddHours(-2).AddMinutes(5).ToString("O", CultureInfo.InvariantCulture);
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
        {
            await writer.WriteLineAsync(string.Join(',', LeadCsvReader.Columns.Concat(rules.Fields.Select(f => f.Name))));
            for (var i = 0; i < count; i++)
            {
                var n = rep * 1_000_000 + i;
                await writer.WriteLineAsync(string.Join(',',
                [
                    first[i % first.Length], last[i / first.Length % last.Length], $"bench.{n}@posteo.de", Phone(n),
                    $"Lindenweg {i % 120 + 1}", places[i % places.Length], "DE", "de", "Household insurance for a flat",
                    optIn, "84.153.21.7", "Mozilla/5.0 (Windows NT 10.0; Win64; x64)", "https://www.versicherungscheck-demo.de/anfrage",
                    "I agree that insurers may contact me by email and phone about my request.", "email|phone", sent, confirmed, "84.153.21.7",
                    "direct", "", "", "", .. fieldValues,
                ]));
            }
        }

        return new FileInfo(path).Length;
    }
}
