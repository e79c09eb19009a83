using System.Diagnostics;
using LeadMarket.Domain.Auctions;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 3: one connection, PlaceBid to its answer, one bid in flight at a time; against the floor of a durable
/// answer, a round trip of the same shapes to a bare hub that commits one row to SQLite (the app's settings) before it
/// answers, and against the bare hub's plain echo. Between two measured bids a second buyer outbids (not measured),
/// so every measured bid is a fresh, accepted, written decision rather than an "already leading" shortcut.
/// </summary>
internal sealed class RoundTripFigure(BenchSettings settings, MarketHost market, BareHost bare)
{
    private const decimal Reserve = 10m;

    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        var result = new FigureResult(3, "Bid round trip");
        var buyers = await market.CreateBuyersAsync(2);
        var room = await market.CreateRoomAsync("round-trip");
        await using var measured = market.Hub(buyers[0].ApiKey);
        await using var rival = market.Hub(buyers[1].ApiKey);
        await using var echo = bare.Hub();
        await Task.WhenAll(measured.StartAsync(), rival.StartAsync(), echo.StartAsync());

        var app = new List<Latencies>();
        var floor = new List<Latencies>();
        var baseline = new List<Latencies>();
        var durable = new List<(double P50, double P99)>();
        var rejected = 0;
        log.WriteLine("  " + await JitWarmup.UntilSettledAsync(settings.WarmupRounds, async round =>
        {
            _ = await EchoAsync(echo, "Echo");
            _ = await EchoAsync(echo, "DurableEcho");
            var lot = await NewLotAsync(room);
            var ((bids, _), compiled) = await JitWarmup.CountAsync(() => BidAsync(measured, rival, lot));
            return ($"p50 {Stats.Ms(bids.P50)} p99 {Stats.Ms(bids.P99)}", compiled);
        }));
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            baseline.Add(await EchoAsync(echo, "Echo"));
            floor.Add(await EchoAsync(echo, "DurableEcho"));
            durable.Add(await Task.Run(() => SqliteBaseline.InsertLatency(settings.RoundTripWarmup, settings.RoundTrips)));
            var lot = await NewLotAsync(room);
            var ((bids, rejections), compiled) = await JitWarmup.CountAsync(() => BidAsync(measured, rival, lot));
            app.Add(bids);
            rejected += rejections;
            log.WriteLine($"  rep {rep + 1}: app {bids} ({compiled} methods compiled) | floor {floor[^1]} | echo {baseline[^1]} | " +
                $"SQLite durable insert p50 {Stats.Ms(durable[^1].P50)} p99 {Stats.Ms(durable[^1].P99)}");
        }

        var appP50 = Stats.Median(app.Select(r => r.P50));
        var appP99 = Stats.Median(app.Select(r => r.P99));
        var floorP50 = Stats.Median(floor.Select(r => r.P50));
        var floorP99 = Stats.Median(floor.Select(r => r.P99));
        var echoP99 = Stats.Median(baseline.Select(r => r.P99));
        result.Rows.Add(new ResultRow("PlaceBid p50 vs floor (echo + one durable commit) p50", Stats.Ms(appP50), Stats.Ms(floorP50), Stats.Ratio(appP50 / floorP50), "—", null));
        result.Rows.Add(new ResultRow("PlaceBid p99 vs floor (echo + one durable commit) p99", Stats.Ms(appP99), Stats.Ms(floorP99), Stats.Ratio(appP99 / floorP99), "≤ 2x floor p99", appP99 <= 2 * floorP99));
        result.Rows.Add(new ResultRow("PlaceBid p99 vs SignalR echo p99", Stats.Ms(appP99), Stats.Ms(echoP99), Stats.Ratio(appP99 / echoP99), "—", null));
        var insertP50 = Stats.Median(durable.Select(r => r.P50));
        var insertP99 = Stats.Median(durable.Select(r => r.P99));
        result.Check("every measured bid accepted", rejected == 0, rejected == 0 ? "all accepted" : $"{rejected} measured bids were rejected");
        result.Notes.Add($"{settings.RoundTrips:#,0} measured bids per repetition after {settings.RoundTripWarmup:#,0} warm-up bids, one in flight at a time; {settings.Repetitions} repetitions. " +
            $"Per repetition, app p99: {Stats.Each(app.Select(r => r.P99), Stats.Ms)}; floor p99: {Stats.Each(floor.Select(r => r.P99), Stats.Ms)}; echo p99: {Stats.Each(baseline.Select(r => r.P99), Stats.Ms)}. " +
            "The floor is the bare hub's DurableEcho: the same request and response over SignalR, one single-row autocommit insert into SQLite with the app's settings (WAL, synchronous=FULL) committed on the hub's own thread before the answer. " +
            $"The insert alone, timed in this process without SignalR, takes p50 {Stats.Ms(insertP50)}, p99 {Stats.Ms(insertP99)}; echo p99 plus insert p99 is {Stats.Ms(echoP99 + insertP99)}.");
        result.Notes.Add($"Of the slowest 1% of measured bids, {string.Join(", ", app.Select(r => r.SlowestInGc))} per repetition (of {app[0].Slowest}) waited for a garbage collection " +
            $"(floor: {string.Join(", ", floor.Select(r => r.SlowestInGc))}; echo: {string.Join(", ", baseline.Select(r => r.SlowestInGc))}); " +
            $"the process (server and clients together) allocated {Stats.Kb(Stats.Median(app.Select(r => r.BytesPerCall)))} per bid round trip, {Stats.Kb(Stats.Median(baseline.Select(r => r.BytesPerCall)))} per echo.");
        return result;
    }

    private async Task<Guid> NewLotAsync(Guid room) => (await market.ListLotsAsync(room, SaleMode.Exclusive, 1, 1, Reserve, TimeSpan.FromHours(1)))[0];

    /// <summary>Round trips of PlaceBid's shapes to the bare hub's <paramref name="method"/> (Echo or DurableEcho).</summary>
    private async Task<Latencies> EchoAsync(HubConnection echo, string method)
    {
        var sampler = new Sampler(settings.RoundTripWarmup, settings.RoundTrips);
        var lot = Guid.NewGuid();
        for (var i = 0; i < settings.RoundTripWarmup + settings.RoundTrips; i++)
        {
            var call = sampler.Start(i);
            await echo.InvokeAsync<PlaceBidResponse>(method, new PlaceBidRequest(lot, Reserve + i, null, $"e{i}"));
            sampler.Stop(i, call);
        }

        return sampler.Result(callsPerSample: 1);
    }

    private async Task<(Latencies Bids, int Rejected)> BidAsync(HubConnection measured, HubConnection rival, Guid lot)
    {
        var sampler = new Sampler(settings.RoundTripWarmup, settings.RoundTrips);
        var rejected = 0;
        var amount = Reserve;
        for (var i = 0; i < settings.RoundTripWarmup + settings.RoundTrips; i++)
        {
            var call = sampler.Start(i);
            var response = await measured.InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(lot, amount, null, null));
            if (sampler.Stop(i, call))
            {
                rejected += response.Accepted ? 0 : 1;
            }

            amount += market.Increment;
            await rival.InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(lot, amount, null, null));
            amount += market.Increment;
        }

        // Two bids per measured one: the rival's (untimed) goes through the same process.
        return (sampler.Result(callsPerSample: 2), rejected);
    }

    /// <summary>
    /// Times calls made one after the other, after <paramref name="warmup"/> untimed ones: each call's duration, whether
    /// a garbage collection paused the process meanwhile, and the bytes the process allocated over the measured part.
    /// </summary>
    private sealed class Sampler(int warmup, int count)
    {
        private readonly List<(double Ms, bool Gc)> samples = new(count);
        private long allocatedBefore;

        public (TimeSpan Paused, long Start) Start(int call)
        {
            if (call == warmup)
            {
                allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            }

            return (GC.GetTotalPauseDuration(), Stopwatch.GetTimestamp());
        }

        /// <summary>Records the call if it was a measured one (not a warm-up), and says whether it was.</summary>
        public bool Stop(int call, (TimeSpan Paused, long Start) started)
        {
            var end = Stopwatch.GetTimestamp();
            if (call < warmup)
            {
                return false;
            }

            samples.Add((Stats.MillisecondsSince(started.Start, end), GC.GetTotalPauseDuration() != started.Paused));
            return true;
        }

        /// <param name="callsPerSample">Calls the process served per measured one (measured and untimed alike).</param>
        public Latencies Result(int callsPerSample) =>
            Latencies.Of(samples, (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / ((double)callsPerSample * samples.Count));
    }

    /// <summary>
    /// One repetition's round trips: p50 and p99, how many of the slowest 1% overlapped a garbage collection (the
    /// process's total pause time moved while they were in flight), and the bytes the process allocated per call.
    /// </summary>
    private sealed record Latencies(double P50, double P99, int Slowest, int SlowestInGc, double BytesPerCall)
    {
        public static Latencies Of(List<(double Ms, bool Gc)> samples, double bytesPerCall)
        {
            var times = samples.Select(s => s.Ms).ToList();
            var slowest = samples.OrderByDescending(s => s.Ms).Take(Math.Max(1, samples.Count / 100)).ToList();
            return new Latencies(Stats.Percentile(times, 50), Stats.Percentile(times, 99), slowest.Count, slowest.Count(s => s.Gc), bytesPerCall);
        }

        public override string ToString() =>
            $"p50 {Stats.Ms(P50)} p99 {Stats.Ms(P99)} (slowest 1%: {SlowestInGc} of {Slowest} in a GC; {Stats.Kb(BytesPerCall)} allocated per call)";
    }
}
