using System.Collections.Concurrent;
using System.Diagnostics;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 2: many connections bidding as fast as they can on a few hot lots, every decision committed before it is
/// answered. Baselines: (a) single-row autocommit inserts into SQLite with the app's settings, (b) SignalR echo
/// round trips over as many connections, (c) the same loops calling the bid service in process, (d) the engine's
/// ceiling: the statements of accepted bids committed by one writer in groups, nothing else (<see cref="SqliteCeiling"/>).
/// Afterwards the database is checked against what was acknowledged.
/// </summary>
internal sealed class DurableDecisionsFigure(BenchSettings settings, MarketHost market, BareHost bare)
{
    private const decimal Reserve = 10m;
    private const int SharedShares = 3;

    /// <summary>Repetition numbers of the in-process runs start here, so their client bid ids differ from the hub runs'.</summary>
    private const int InProcessRun = 1_000;

    // Warm-up runs count down from here, so their client bid ids never meet a repetition's.
    private const int WarmupRun = -1;

    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        var result = new FigureResult(2, "Durable bid decisions");
        var connections = settings.DecisionConnections;
        var buyers = await market.CreateBuyersAsync(connections);
        var room = await market.CreateRoomAsync("decisions");
        var appConnections = await HubClients.StartManyAsync(connections, i => market.Hub(buyers[i].ApiKey));
        var bareConnections = await HubClients.StartManyAsync(connections, _ => bare.Hub());

        // The ceiling bids on open lots of its own, in a copy of the app's database taken now.
        var ceilingLots = await NewLotsAsync(room);
        var buyerIds = buyers.Select(b => b.UserId).ToArray();
        using var ceiling = await SqliteCeiling.CopyOfAsync(market);

        // Every path runs untimed first, in rounds, until the JIT has little left to compile (JitWarmup).
        log.WriteLine("  warming up...");
        _ = await Task.Run(() => SqliteBaseline.InsertsPerSecond(TimeSpan.Zero, settings.FigureWarmup / 3));
        _ = await Task.Run(() => ceiling.BidsPerSecond(ceilingLots, buyerIds, connections, TimeSpan.Zero, settings.FigureWarmup / 3));
        log.WriteLine("  " + await JitWarmup.UntilSettledAsync(settings.WarmupRounds, async round =>
        {
            _ = await EchoesPerSecondAsync(bareConnections, TimeSpan.Zero, settings.FigureWarmup / 3);
            var (hubLots, inProcessLots) = (await NewLotsAsync(room), await NewLotsAsync(room));
            var hub = await DecideAsync(WarmupRun - (2 * round), appConnections, hubLots, TimeSpan.Zero, settings.FigureWarmup);
            var inProcess = await DecideInProcessAsync(WarmupRun - (2 * round) - 1, buyers, inProcessLots, TimeSpan.Zero, settings.FigureWarmup / 2);
            return ($"{hub.DecisionsPerSecond:#,0}/s, in process {inProcess.DecisionsPerSecond:#,0}/s", hub.JitCompiled + inProcess.JitCompiled);
        }));

        var runs = new List<DecisionRun>();
        var inProcessRuns = new List<DecisionRun>();
        var inserts = new List<double>();
        var ceilings = new List<double>();
        var echoes = new List<double>();
        var echoCpu = new List<double>();
        var verifications = new List<Verification>();
        try
        {
            for (var rep = 0; rep < settings.Repetitions; rep++)
            {
                inserts.Add(await Task.Run(() => SqliteBaseline.InsertsPerSecond(settings.DecisionWarmup, settings.DecisionDuration)));
                ceilings.Add(await Task.Run(() => ceiling.BidsPerSecond(ceilingLots, buyerIds, connections, settings.DecisionWarmup, settings.DecisionDuration)));
                var (echoesPerSecond, echoMicroseconds) = await EchoesPerSecondAsync(bareConnections, settings.DecisionWarmup, settings.DecisionDuration);
                echoes.Add(echoesPerSecond);
                echoCpu.Add(echoMicroseconds);

                var run = await DecideAsync(rep, appConnections, await NewLotsAsync(room), settings.DecisionWarmup, settings.DecisionDuration);
                runs.Add(run);
                var verification = await VerifyAsync(run, buyers);
                verifications.Add(verification);

                var inProcess = await DecideInProcessAsync(InProcessRun + rep, buyers, await NewLotsAsync(room), settings.DecisionWarmup, settings.DecisionDuration);
                inProcessRuns.Add(inProcess);
                verifications.Add(await VerifyAsync(inProcess, buyers));
                log.WriteLine($"  rep {rep + 1}: app {run.DecisionsPerSecond:#,0} decisions/s ({run.AcceptedPerSecond:#,0} accepted/s, {run.CpuMicroseconds:0} µs CPU each, {run.JitCompiled} methods compiled) | sqlite {inserts[^1]:#,0} inserts/s | ceiling {ceilings[^1]:#,0} bids/s | " +
                    $"echo {echoes[^1]:#,0}/s ({echoCpu[^1]:0} µs CPU each) | in process {inProcess.DecisionsPerSecond:#,0}/s ({inProcess.CpuMicroseconds:0} µs CPU each) | {verification.Summary}");
            }
        }
        finally
        {
            await HubClients.StopAllAsync([.. appConnections, .. bareConnections]);
        }

        var decisions = Stats.Median(runs.Select(r => r.DecisionsPerSecond));
        var accepted = Stats.Median(runs.Select(r => r.AcceptedPerSecond));
        var insertRate = Stats.Median(inserts);
        var echoRate = Stats.Median(echoes);
        result.Rows.Add(new ResultRow("decisions/s vs (a) SQLite autocommit inserts/s", Stats.Rate(decisions), Stats.Rate(insertRate), Stats.Ratio(decisions / insertRate),
            "≥ 0.3x (a) and ≥ 10,000/s", decisions >= 0.3 * insertRate && decisions >= 10_000));
        result.Rows.Add(new ResultRow("accepted (written) decisions/s", Stats.Rate(accepted), Stats.Rate(insertRate), Stats.Ratio(accepted / insertRate), "—", null));
        result.Rows.Add(new ResultRow("decisions/s vs (b) SignalR echo/s", Stats.Rate(decisions), Stats.Rate(echoRate), Stats.Ratio(decisions / echoRate), "—", null));
        var inProcessRate = Stats.Median(inProcessRuns.Select(r => r.DecisionsPerSecond));
        result.Rows.Add(new ResultRow("decisions/s vs (c) the same loops in process, no SignalR", Stats.Rate(decisions), Stats.Rate(inProcessRate), Stats.Ratio(decisions / inProcessRate), "—", null));
        var ceilingRate = Stats.Median(ceilings);
        result.Rows.Add(new ResultRow("decisions/s vs (d) engine ceiling: one writer, group commit, no SignalR", Stats.Rate(decisions), Stats.Rate(ceilingRate), Stats.Ratio(decisions / ceilingRate), "—", null));

        result.Check("no acknowledged bid missing from the database", verifications.All(v => v.MissingAcknowledged == 0),
            $"{verifications.Sum(v => v.MissingAcknowledged)} missing of {verifications.Sum(v => v.Acknowledged):#,0} acknowledged bids");
        result.Check("no bid written that was not acknowledged", verifications.All(v => v.Unacknowledged == 0),
            $"{verifications.Sum(v => v.Unacknowledged)} rows without an acknowledgement");
        result.Check("exactly one winner per exclusive lot", verifications.All(v => v.BadExclusive == 0),
            $"{verifications.Sum(v => v.BadExclusive)} exclusive lots without exactly one winner, of {verifications.Sum(v => v.ExclusiveLots)}");
        result.Check("never more winners than shares", verifications.All(v => v.OversoldShared == 0),
            $"{verifications.Sum(v => v.OversoldShared)} shared lots oversold, of {verifications.Sum(v => v.SharedLots)}");
        result.Check("every lot's bid sequence without gaps", verifications.All(v => v.GappedLots == 0),
            $"{verifications.Sum(v => v.GappedLots)} lots with a gap or a mismatch with the lot's sequence");
        result.Check("every lot settled after the run", verifications.All(v => v.Unsettled == 0),
            $"{verifications.Sum(v => v.Unsettled)} lots still open after the closing worker ran");

        var rejections = runs.SelectMany(r => r.Rejections).GroupBy(p => p.Key).Select(g => $"{g.Key} {g.Sum(p => p.Value):#,0}");
        result.Notes.Add($"{connections} connections (one buyer each), closed loop (next bid when the last is answered), on {settings.DecisionLots} lots " +
            $"({settings.DecisionLots / 2} exclusive, {settings.DecisionLots - (settings.DecisionLots / 2)} shared with {SharedShares} shares), each connection cycling through the lots; " +
            $"{settings.DecisionDuration.TotalSeconds:0.#} s measured after {settings.DecisionWarmup.TotalSeconds:0.#} s warm-up; {settings.Repetitions} repetitions. " +
            "Amounts come from one rising counter per lot, as a fast bidder watching the room would bid, so most bids are accepted and the rest are real \"too low\" races.");
        result.Notes.Add($"A decision is an answered PlaceBid (accepted or rejected); accepted ones are written (guarded UPDATE of the lot, exposure UPDATE, INSERT of the bid) and committed before the answer. " +
            $"Per repetition: {Stats.Each(runs.Select(r => r.DecisionsPerSecond), Stats.Rate)} decisions; {Stats.Each(runs.Select(r => r.AcceptedPerSecond), Stats.Rate)} accepted; " +
            $"(a) {Stats.Each(inserts, Stats.Rate)}; (b) {Stats.Each(echoes, Stats.Rate)}; (d) {Stats.Each(ceilings, Stats.Rate)}. Rejections over all repetitions: {string.Join(", ", rejections)}. " +
            $"CPU time of the whole process (server and clients) per answered call, a figure machine load barely moves: PlaceBid {Stats.Median(runs.Select(r => r.CpuMicroseconds)):0} µs, echo {Stats.Median(echoCpu):0} µs, " +
            $"in process (c) {Stats.Median(inProcessRuns.Select(r => r.CpuMicroseconds)):0} µs. (c) runs the same {connections} closed loops on fresh lots, calling the app's BidService directly: the decision without the network; " +
            $"per repetition {Stats.Each(inProcessRuns.Select(r => r.DecisionsPerSecond), Stats.Rate)}, checked like the hub runs. " +
            $"(d) is the most SQLite commits of these statements on this disk: one writer on a copy of the app's database (same settings) reads the lot, updates it guarded by its version, " +
            $"inserts the bid and reserves the buyer's exposure for every bid, and commits {connections} bids at a time (as many as the connections can have waiting); " +
            $"the app's accepted decisions/s are {Stats.Ratio(accepted / ceilingRate)} of it.");
        result.Notes.Add("Checks after each repetition (the clock is moved past the lots' end and the app's own closing worker settles them): " +
            string.Join("; ", verifications.Select((v, i) => $"rep {(i / 2) + 1} {(i % 2 == 0 ? "hub" : "in process")}: {v.Summary}")) + ".");
        return result;
    }

    private Task<DecisionRun> DecideAsync(int rep, HubConnection[] connections, Guid[] lots, TimeSpan warmup, TimeSpan duration) =>
        DecideAsync(rep, connections.Length, (c, request) => connections[c].InvokeAsync<PlaceBidResponse>("PlaceBid", request), lots, warmup, duration);

    /// <summary>Fresh lots for one run: half exclusive, half shared (every run's amounts start at the reserve).</summary>
    private async Task<Guid[]> NewLotsAsync(Guid room)
    {
        var exclusive = settings.DecisionLots / 2;
        return (await market.ListLotsAsync(room, SaleMode.Exclusive, 1, exclusive, Reserve, TimeSpan.FromHours(1)))
            .Concat(await market.ListLotsAsync(room, SaleMode.Shared, SharedShares, settings.DecisionLots - exclusive, Reserve, TimeSpan.FromHours(1)))
            .ToArray();
    }

    /// <summary>The same closed loops, calling the app's bid service in this process: what a decision costs without SignalR.</summary>
    private Task<DecisionRun> DecideInProcessAsync(int rep, BenchBuyer[] buyers, Guid[] lots, TimeSpan warmup, TimeSpan duration)
    {
        var service = market.Services.GetRequiredService<BidService>();
        return DecideAsync(rep, buyers.Length, async (c, request) => PlaceBidResponse.From(
            await service.PlaceBidAsync(new PlaceBidCommand(buyers[c].UserId, request.LotId, request.Amount, request.MaxAmount, request.ClientBidId))), lots, warmup, duration);
    }

    private async Task<DecisionRun> DecideAsync(int rep, int connections, Func<int, PlaceBidRequest, Task<PlaceBidResponse>> place, Guid[] lots, TimeSpan warmup, TimeSpan duration)
    {
        var counters = new long[lots.Length];
        var run = new DecisionRun(lots);
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var increment = market.Increment;

        var cpu = CpuClock.Start();
        var jitBefore = JitWarmup.Compiled;
        var answered = 0;
        var loops = Enumerable.Range(0, connections).Select(c => Task.Run(async () =>
        {
            var counted = 0;
            var accepted = 0;
            var rejections = new Dictionary<string, int>();
            var acknowledged = new List<Acknowledged>();
            for (var iteration = 0; Stopwatch.GetTimestamp() < end; iteration++)
            {
                var j = (c + iteration) % lots.Length;
                var amount = Reserve + (increment * (Interlocked.Increment(ref counters[j]) - 1));
                var clientBidId = $"r{rep}c{c}i{iteration}";
                var response = await place(c, new PlaceBidRequest(lots[j], amount, null, clientBidId));
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref answered);
                if (response.Accepted)
                {
                    acknowledged.Add(new Acknowledged(c, clientBidId, lots[j], amount));
                }

                if (now >= measureFrom && now < end)
                {
                    counted++;
                    if (response.Accepted)
                    {
                        accepted++;
                    }
                    else
                    {
                        var code = response.ReasonCode ?? "?";
                        rejections[code] = rejections.GetValueOrDefault(code) + 1;
                    }
                }
            }

            run.Add(counted, accepted, rejections, acknowledged);
        })).ToArray();
        await Task.WhenAll(loops);
        run.Finish(duration.TotalSeconds, cpu.MicrosecondsPer(answered), JitWarmup.Compiled - jitBefore);
        return run;
    }

    private async Task<Verification> VerifyAsync(DecisionRun run, BenchBuyer[] buyers)
    {
        // Move the clock past the lots' end and let the app's own closing path settle them.
        market.Time.Advance(TimeSpan.FromHours(2));
        var closer = market.Services.GetRequiredService<LotClosingWorker>();
        var lotIds = run.Lots.ToList();
        await using var db = market.App.Db();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            await closer.CloseDueLotsAsync(CancellationToken.None);
            if (!await db.Lots.AnyAsync(l => lotIds.Contains(l.Id) && l.Status == LotStatus.Open))
            {
                break;
            }

            await Task.Delay(100);
        }

        var lots = await db.Lots.AsNoTracking().Where(l => lotIds.Contains(l.Id))
            .Select(l => new { l.Id, l.SaleMode, l.Shares, l.Sequence, l.Status }).ToListAsync();
        var bids = await db.Bids.AsNoTracking().Where(b => lotIds.Contains(b.LotId))
            .Select(b => new { b.LotId, b.Sequence, b.BuyerId, b.Amount, b.ClientBidId }).ToListAsync();
        var purchases = await db.Purchases.AsNoTracking().Where(p => lotIds.Contains(p.LotId))
            .GroupBy(p => p.LotId).Select(g => new { LotId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.LotId, x => x.Count);

        var written = bids.Where(b => b.ClientBidId != null).ToDictionary(b => (b.BuyerId, b.ClientBidId!));
        var acknowledged = run.Acknowledged.ToList();
        var missing = acknowledged.Count(a => !written.TryGetValue((buyers[a.Connection].UserId, a.ClientBidId), out var row) || row.LotId != a.LotId || row.Amount != a.Amount);
        var acknowledgedKeys = acknowledged.Select(a => (buyers[a.Connection].UserId, a.ClientBidId)).ToHashSet();
        var unacknowledged = written.Keys.Count(k => !acknowledgedKeys.Contains(k));

        var bidsByLot = bids.GroupBy(b => b.LotId).ToDictionary(g => g.Key, g => g.Select(b => b.Sequence).Order().ToList());
        var gapped = lots.Count(l =>
        {
            var sequences = bidsByLot.GetValueOrDefault(l.Id) ?? [];
            return sequences.Count != l.Sequence || sequences.Where((s, i) => s != i + 1).Any();
        });
        var exclusive = lots.Where(l => l.SaleMode == SaleMode.Exclusive).ToList();
        var shared = lots.Where(l => l.SaleMode == SaleMode.Shared).ToList();
        var badExclusive = exclusive.Count(l => purchases.GetValueOrDefault(l.Id) != (bidsByLot.ContainsKey(l.Id) ? 1 : 0));
        var oversold = shared.Count(l => purchases.GetValueOrDefault(l.Id) > l.Shares);
        var unsettled = lots.Count(l => l.Status != LotStatus.Closed);
        return new Verification(acknowledged.Count, missing, unacknowledged, exclusive.Count, badExclusive, shared.Count, oversold, gapped, unsettled,
            bids.Count, purchases.Values.Sum());
    }

    /// <summary>Baseline (b): closed-loop echo round trips of PlaceBid's shapes over the same number of connections.</summary>
    private static async Task<(double Rate, double CpuMicroseconds)> EchoesPerSecondAsync(HubConnection[] connections, TimeSpan warmup, TimeSpan duration)
    {
        var cpu = CpuClock.Start();
        var answered = 0;
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var end = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var total = 0;
        var loops = connections.Select(connection => Task.Run(async () =>
        {
            var counted = 0;
            for (var i = 0; Stopwatch.GetTimestamp() < end; i++)
            {
                await connection.InvokeAsync<PlaceBidResponse>("Echo", new PlaceBidRequest(Guid.NewGuid(), 10m + i, null, $"e{i}"));
                var now = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref answered);
                if (now >= measureFrom && now < end)
                {
                    counted++;
                }
            }

            Interlocked.Add(ref total, counted);
        })).ToArray();
        await Task.WhenAll(loops);
        return (total / duration.TotalSeconds, cpu.MicrosecondsPer(answered));
    }

    private sealed record Acknowledged(int Connection, string ClientBidId, Guid LotId, decimal Amount);

    private sealed record Verification(int Acknowledged, int MissingAcknowledged, int Unacknowledged, int ExclusiveLots, int BadExclusive, int SharedLots, int OversoldShared,
        int GappedLots, int Unsettled, int BidRows, int Purchases)
    {
        public string Summary =>
            $"{Acknowledged:#,0} acknowledged, {BidRows:#,0} bid rows, {MissingAcknowledged} missing, {Unacknowledged} unacknowledged, " +
            $"{Purchases} purchases, {BadExclusive} bad exclusive, {OversoldShared} oversold, {GappedLots} gapped, {Unsettled} unsettled";
    }

    private sealed class DecisionRun(Guid[] lots)
    {
        private readonly ConcurrentBag<Acknowledged> acknowledged = [];
        private readonly ConcurrentDictionary<string, int> rejections = new();
        private int counted;
        private int accepted;

        public Guid[] Lots { get; } = lots;

        public IEnumerable<Acknowledged> Acknowledged => acknowledged;

        public IEnumerable<KeyValuePair<string, int>> Rejections => rejections;

        public double DecisionsPerSecond { get; private set; }

        public double AcceptedPerSecond { get; private set; }

        public void Add(int countedDecisions, int acceptedDecisions, Dictionary<string, int> rejected, List<Acknowledged> acks)
        {
            Interlocked.Add(ref counted, countedDecisions);
            Interlocked.Add(ref accepted, acceptedDecisions);
            foreach (var (code, count) in rejected)
            {
                rejections.AddOrUpdate(code, count, (_, old) => old + count);
            }

            foreach (var ack in acks)
            {
                acknowledged.Add(ack);
            }
        }

        /// <summary>CPU time of this whole process (app, clients) per answered bid: a figure that machine load does not move.</summary>
        public double CpuMicroseconds { get; private set; }

        /// <summary>Methods the JIT compiled during the run (a repetition that still compiles many is still warming up).</summary>
        public long JitCompiled { get; private set; }

        public void Finish(double seconds, double cpuMicroseconds, long jitCompiled)
        {
            CpuMicroseconds = cpuMicroseconds;
            JitCompiled = jitCompiled;
            DecisionsPerSecond = counted / seconds;
            AcceptedPerSecond = accepted / seconds;
        }
    }
}
