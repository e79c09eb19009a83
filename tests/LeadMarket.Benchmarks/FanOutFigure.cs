using System.Diagnostics;
using System.Text.Json;
using LeadMarket.Domain.Auctions;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 1: many watchers on one room, a steady stream of accepted bids; the latency from a bid being sent to its
/// BidAccepted having arrived at every watcher. Baseline: a bare hub that relays an event of the same shape to a group.
/// The app is measured twice on the same connections: watchers that joined with JoinRoom (one message per bid, as the
/// baseline) and with JoinRoomBatched (a room's bids in frames, at most one per frame interval); the target is taken on
/// the batched feed, the one meant for busy rooms.
/// </summary>
internal sealed class FanOutFigure(BenchSettings settings, MarketHost market, BareHost bare)
{
    private const int Lots = 10;
    private const decimal Reserve = 10m;
    private const string BareRoom = "room";

    private readonly Tracker tracker = new();

    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        var result = new FigureResult(1, "Fan-out");
        var watcherCount = settings.Watchers;
        var warmup = (int)(settings.FanOutBidsPerSecond * settings.FanOutWarmup.TotalSeconds);
        var measured = (int)(settings.FanOutBidsPerSecond * settings.FanOutDuration.TotalSeconds);

        var watcher = (await market.CreateBuyersAsync(1))[0];
        var bidders = await market.CreateBuyersAsync(2);
        var room = await market.CreateRoomAsync("fan-out");

        log.WriteLine($"  connecting {watcherCount} app watchers and {watcherCount} bare watchers...");
        var appWatchers = await HubClients.StartManyAsync(watcherCount,
            _ => Watch(market.Hub(watcher.ApiKey)),
            (c, _) => c.InvokeAsync<JsonElement>("JoinRoomBatched", room));
        var bareWatchers = await HubClients.StartManyAsync(watcherCount,
            _ => Watch(bare.Hub()),
            (c, _) => c.InvokeAsync("JoinRoom", BareRoom));
        var appSenders = await HubClients.StartManyAsync(2, i => market.Hub(bidders[i].ApiKey));
        var bareSenders = await HubClients.StartManyAsync(2, _ => bare.Hub());

        var app = new List<Run>();
        var perEvent = new List<Run>();
        var baseline = new List<Run>();
        try
        {
            // First calls pay for JIT and cold caches; let them happen before anything is paced, and let the JIT's
            // background recompilation of the hot paths settle (JitWarmup): untimed rounds of all three feeds.
            var warmLot = (await market.ListLotsAsync(room, SaleMode.Exclusive, 1, 1, Reserve, TimeSpan.FromHours(1)))[0];
            for (var k = 0; k < 20; k++)
            {
                await appSenders[k % 2].InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(warmLot, Reserve + (market.Increment * k), null, null));
                await bareSenders[k % 2].InvokeAsync("Broadcast", BareRoom, new BidAcceptedMessage(warmLot, Reserve, "warm-up", k, DateTimeOffset.UtcNow, Reserve, 0, false));
            }

            // The baseline's bid i: the bare hub relays an event of the app's shape and size to its group.
            Task Broadcast(int i, Guid lot, decimal price) => bareSenders[i / Lots % 2].InvokeAsync("Broadcast", BareRoom,
                new BidAcceptedMessage(lot, price, BidderAlias.For(lot, bidders[i / Lots % 2].UserId), i / Lots + 1, DateTimeOffset.UtcNow.AddHours(1), price + market.Increment, 0, false));

            var warmBids = (int)(settings.FanOutBidsPerSecond * settings.FigureWarmup.TotalSeconds / 3);
            log.WriteLine("  " + await JitWarmup.UntilSettledAsync(settings.WarmupRounds, async round =>
            {
                var bareLots = Enumerable.Range(0, Lots).Select(_ => Guid.NewGuid()).ToArray();
                var (_, compiled) = await JitWarmup.CountAsync(() => MeasureAsync(bareLots, watcherCount, 0, warmBids, Broadcast));
                await RejoinAsync(appWatchers, "JoinRoom", room);
                var lots = await NewLotsAsync(room);
                var (_, perEventCompiled) = await JitWarmup.CountAsync(() => MeasureAppAsync(lots, appSenders, watcherCount, 0, warmBids));
                await RejoinAsync(appWatchers, "JoinRoomBatched", room);
                lots = await NewLotsAsync(room);
                var (batched, batchedCompiled) = await JitWarmup.CountAsync(() => MeasureAppAsync(lots, appSenders, watcherCount, 0, warmBids));
                return ($"batched p99 {Stats.Ms(batched.P99)}", compiled + perEventCompiled + batchedCompiled);
            }));

            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                var bareLots = Enumerable.Range(0, Lots).Select(_ => Guid.NewGuid()).ToArray();
                baseline.Add(await MeasureAsync(bareLots, watcherCount, warmup, measured, Broadcast));

                await RejoinAsync(appWatchers, "JoinRoom", room);
                perEvent.Add(await MeasureAppAsync(await NewLotsAsync(room), appSenders, watcherCount, warmup, measured));
                await RejoinAsync(appWatchers, "JoinRoomBatched", room);
                app.Add(await MeasureAppAsync(await NewLotsAsync(room), appSenders, watcherCount, warmup, measured));
                log.WriteLine($"  rep {rep + 1}: app per event p50 {Stats.Ms(perEvent[^1].P50)} p99 {Stats.Ms(perEvent[^1].P99)} | app batched p50 {Stats.Ms(app[^1].P50)} p99 {Stats.Ms(app[^1].P99)} (first watcher p99 {Stats.Ms(app[^1].FirstP99)}, first → last p99 {Stats.Ms(app[^1].SpreadP99)}, GC paused {app[^1].GcPause.TotalMilliseconds:0} ms in {app[^1].Collections.All} collections, {app[^1].Collections.Gen1} of gen 1+, {app[^1].Collections.Gen2} of gen 2, {app[^1].AllocatedPerSecond / 1e6:0} MB/s allocated) (answer p50 {Stats.Ms(app[^1].AckP50)} p99 {Stats.Ms(app[^1].AckP99)}) | " +
                    $"bare p50 {Stats.Ms(baseline[^1].P50)} p99 {Stats.Ms(baseline[^1].P99)} (answer p50 {Stats.Ms(baseline[^1].AckP50)} p99 {Stats.Ms(baseline[^1].AckP99)}) | rate {app[^1].Rate:0}/s");
            }
        }
        finally
        {
            await HubClients.StopAllAsync([.. appWatchers, .. bareWatchers, .. appSenders, .. bareSenders]);
        }

        var appP50 = Stats.Median(app.Select(r => r.P50));
        var appP99 = Stats.Median(app.Select(r => r.P99));
        var baseP50 = Stats.Median(baseline.Select(r => r.P50));
        var baseP99 = Stats.Median(baseline.Select(r => r.P99));
        var ratio = appP99 / baseP99;
        var perEventP50 = Stats.Median(perEvent.Select(r => r.P50));
        var perEventP99 = Stats.Median(perEvent.Select(r => r.P99));
        result.Rows.Add(new ResultRow("per event (JoinRoom): bid → all p50", Stats.Ms(perEventP50), Stats.Ms(baseP50), Stats.Ratio(perEventP50 / baseP50), "—", null));
        result.Rows.Add(new ResultRow("per event (JoinRoom): bid → all p99", Stats.Ms(perEventP99), Stats.Ms(baseP99), Stats.Ratio(perEventP99 / baseP99), "—", null));
        result.Rows.Add(new ResultRow("batched (JoinRoomBatched): bid → all p50", Stats.Ms(appP50), Stats.Ms(baseP50), Stats.Ratio(appP50 / baseP50), "—", null));
        result.Rows.Add(new ResultRow("batched (JoinRoomBatched): bid → all p99", Stats.Ms(appP99), Stats.Ms(baseP99), Stats.Ratio(ratio), "≤ 1.5x and < 100 ms", ratio <= 1.5 && appP99 < 100));

        var appMissing = app.Sum(r => r.Missing) + perEvent.Sum(r => r.Missing);
        var baseMissing = baseline.Sum(r => r.Missing);
        result.Check("every bid reached every watcher", appMissing == 0 && baseMissing == 0,
            $"app: {appMissing} of {app.Sum(r => r.Bids) + perEvent.Sum(r => r.Bids)} bids not seen by every watcher; baseline: {baseMissing}");
        var errors = app.Sum(r => r.SendErrors) + perEvent.Sum(r => r.SendErrors) + baseline.Sum(r => r.SendErrors);
        result.Check("every paced bid accepted", errors == 0, errors == 0 ? "all accepted" : $"{errors} bids failed or were rejected: {app.Concat(perEvent).Concat(baseline).Select(r => r.FirstError).FirstOrDefault(e => e is not null)}");
        result.Notes.Add($"{watcherCount:#,0} watcher connections (WebSockets, JSON) per server, one room; {settings.FanOutBidsPerSecond} bids/s paced over {Lots} exclusive lots by 2 bidders for {settings.FanOutDuration.TotalSeconds:0.#} s after {settings.FanOutWarmup.TotalSeconds:0.#} s warm-up; {settings.Repetitions} repetitions.");
        var frameInterval = market.Services.GetRequiredService<IOptions<AuctionHubOptions>>().Value.FrameInterval;
        result.Notes.Add($"The app is measured on the same {watcherCount:#,0} connections twice per repetition: joined with JoinRoom (one BidAccepted per bid, like the baseline) and with JoinRoomBatched (BidsAccepted frames, at most one per {frameInterval.TotalMilliseconds:0} ms per room; docs/decisions/006). The target is taken on the batched feed.");
        result.Notes.Add($"Latency of a bid = last arrival over all watchers − send time. Per repetition, app batched p99: {Stats.Each(app.Select(r => r.P99), Stats.Ms)}; app per event p99: {Stats.Each(perEvent.Select(r => r.P99), Stats.Ms)}; baseline p99: {Stats.Each(baseline.Select(r => r.P99), Stats.Ms)}; offered rate: {Stats.Each(app.Select(r => r.Rate), r => $"{r:0}/s")}. " +
            $"Sender's own answer (PlaceBid, resp. the bare Broadcast call) p50/p99: app {Stats.Ms(Stats.Median(app.Select(r => r.AckP50)))}/{Stats.Ms(Stats.Median(app.Select(r => r.AckP99)))}, baseline {Stats.Ms(Stats.Median(baseline.Select(r => r.AckP50)))}/{Stats.Ms(Stats.Median(baseline.Select(r => r.AckP99)))}.");
        return result;
    }

    private HubConnection Watch(HubConnection connection)
    {
        connection.On<BidAcceptedMessage>("BidAccepted", m => tracker.Current?.Arrived(m.LotId, m.Price));
        connection.On<BidAcceptedMessage[]>("BidsAccepted", frame =>
        {
            foreach (var m in frame)
            {
                tracker.Current?.Arrived(m.LotId, m.Price);
            }
        });
        return connection;
    }

    private static Task RejoinAsync(IReadOnlyList<HubConnection> watchers, string join, Guid room) =>
        Task.WhenAll(watchers.Select(async c =>
        {
            await c.InvokeAsync("LeaveRoom", room);
            await c.InvokeAsync<JsonElement>(join, room);
        }));

    private async Task<Guid[]> NewLotsAsync(Guid room) =>
        (await market.ListLotsAsync(room, SaleMode.Exclusive, 1, Lots, Reserve, TimeSpan.FromHours(1))).ToArray();

    private async Task<Run> MeasureAppAsync(Guid[] lots, IReadOnlyList<HubConnection> senders, int watchers, int warmup, int measured)
    {
        return await MeasureAsync(lots, watchers, warmup, measured, async (i, lot, price) =>
        {
            var response = await senders[i / Lots % 2].InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(lot, price, null, null));
            if (!response.Accepted)
            {
                throw new InvalidOperationException($"A paced bid was rejected: {response.ReasonCode} {response.Reason}");
            }
        });
    }

    private async Task<Run> MeasureAsync(Guid[] lots, int watchers, int warmup, int measured, Func<int, Guid, decimal, Task> send)
    {
        var run = new Run(lots, warmup + measured, watchers, market.Increment);
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        tracker.Current = run;
        var clock = Stopwatch.StartNew();
        var sends = await Pacer.RunAsync(warmup + measured, settings.FanOutBidsPerSecond, i =>
        {
            var (lot, price) = run.BidOf(i);
            run.Sent[i] = Stopwatch.GetTimestamp();
            return ObserveAsync(run, i, send(i, lot, price));
        });
        var rate = (warmup + measured) / clock.Elapsed.TotalSeconds;
        await Task.WhenAll(sends);

        var deadline = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!run.AllArrived() && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }

        tracker.Current = null;
        run.GcPause = GC.GetTotalPauseDuration() - pausedBefore;
        run.Collections = (GC.CollectionCount(0) - collectionsBefore.Item1, GC.CollectionCount(1) - collectionsBefore.Item2, GC.CollectionCount(2) - collectionsBefore.Item3);
        run.AllocatedPerSecond = (GC.GetTotalAllocatedBytes() - allocatedBefore) / clock.Elapsed.TotalSeconds;
        return run.Summarize(warmup, rate);
    }

    private static async Task ObserveAsync(Run run, int i, Task send)
    {
        try
        {
            await send;
            run.Acked[i] = Stopwatch.GetTimestamp();
        }
        catch (Exception ex)
        {
            run.Failed(ex.Message);
        }
    }

    private sealed class Tracker
    {
        private volatile Run? current;

        public Run? Current
        {
            get => current;
            set => current = value;
        }
    }

    private sealed class Run
    {
        private readonly Guid[] lots;
        private readonly Dictionary<Guid, int> lotIndex;
        private readonly long[] last;
        private readonly long[] first;
        private readonly int[] counts;
        private readonly int watchers;
        private readonly decimal increment;
        private int sendErrors;
        private string? firstError;

        public Run(Guid[] lots, int bids, int watchers, decimal increment)
        {
            this.lots = lots;
            lotIndex = lots.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i);
            Sent = new long[bids];
            Acked = new long[bids];
            last = new long[bids];
            first = new long[bids];
            counts = new int[bids];
            this.watchers = watchers;
            this.increment = increment;
        }

        public long[] Sent { get; }

        public long[] Acked { get; }

        public double AckP50 { get; private set; }

        public double AckP99 { get; private set; }

        public double P50 { get; private set; }

        public double P99 { get; private set; }

        /// <summary>p99 of the time from a bid being sent to its first arrival at any watcher.</summary>
        public double FirstP99 { get; private set; }

        /// <summary>p99 of the time from a bid's first arrival to its last (how long reaching all watchers takes).</summary>
        public double SpreadP99 { get; private set; }

        public double Rate { get; private set; }

        /// <summary>Time this process spent paused for garbage collection during the run.</summary>
        public TimeSpan GcPause { get; set; }

        /// <summary>Collections during the run: all, of gen 1 and 2, of gen 2.</summary>
        public (int All, int Gen1, int Gen2) Collections { get; set; }

        public double AllocatedPerSecond { get; set; }

        public int Bids { get; private set; }

        public int Missing { get; private set; }

        public int SendErrors => sendErrors;

        public string? FirstError => firstError;

        /// <summary>Bid i goes to lot i mod L; on its lot it is the k-th bid, one increment above the one before.</summary>
        public (Guid Lot, decimal Price) BidOf(int i) => (lots[i % lots.Length], Reserve + (increment * (i / lots.Length)));

        public void Arrived(Guid lot, decimal price)
        {
            var now = Stopwatch.GetTimestamp();
            if (!lotIndex.TryGetValue(lot, out var j))
            {
                return;
            }

            var i = ((int)((price - Reserve) / increment) * lots.Length) + j;
            if ((uint)i >= (uint)counts.Length)
            {
                return;
            }

            if (Interlocked.Increment(ref counts[i]) == 1)
            {
                first[i] = now;
            }
            long seen;
            do
            {
                seen = Volatile.Read(ref last[i]);
                if (now <= seen)
                {
                    break;
                }
            }
            while (Interlocked.CompareExchange(ref last[i], now, seen) != seen);
        }

        public void Failed(string error)
        {
            Interlocked.Increment(ref sendErrors);
            Interlocked.CompareExchange(ref firstError, error, null);
        }

        public bool AllArrived()
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (Volatile.Read(ref counts[i]) < watchers)
                {
                    return false;
                }
            }

            return true;
        }

        public Run Summarize(int warmup, double rate)
        {
            var latencies = new List<double>();
            var firsts = new List<double>();
            var spreads = new List<double>();
            var missing = 0;
            for (var i = warmup; i < counts.Length; i++)
            {
                if (counts[i] >= watchers)
                {
                    latencies.Add(Stats.MillisecondsSince(Sent[i], last[i]));
                    firsts.Add(Stats.MillisecondsSince(Sent[i], first[i]));
                    spreads.Add(Stats.MillisecondsSince(first[i], last[i]));
                }
                else
                {
                    missing++;
                }
            }

            var acks = Enumerable.Range(warmup, counts.Length - warmup).Where(i => Acked[i] != 0).Select(i => Stats.MillisecondsSince(Sent[i], Acked[i])).ToList();
            AckP50 = Stats.Percentile(acks, 50);
            AckP99 = Stats.Percentile(acks, 99);
            P50 = Stats.Percentile(latencies, 50);
            P99 = Stats.Percentile(latencies, 99);
            FirstP99 = Stats.Percentile(firsts, 99);
            SpreadP99 = Stats.Percentile(spreads, 99);
            Missing = missing;
            Bids = counts.Length - warmup;
            Rate = rate;
            return this;
        }
    }
}
