using System.Diagnostics;
using System.Text.Json;
using LeadMarket.Domain.Auctions;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 5: a buyer's room page with hundreds of open lots; bids placed by SignalR clients; the time from a bid
/// being sent to its new price being on the page, measured in the browser (a MutationObserver notes the wall clock
/// when a card's price text changes, and again at the next animation frame, i.e. when it is painted).
/// </summary>
internal sealed class RoomRenderFigure(BenchSettings settings, MarketHost market, Func<Task<BrowserSession>> browser, CircuitMeter circuits)
{
    private const decimal Reserve = 10m;

    private const string Observer = """
        () => {
          const changes = [];
          const last = new Map();
          let pending = [];
          const observer = new MutationObserver(() => {
            const now = Date.now();
            for (const price of document.querySelectorAll('[data-testid="lot-card"] [data-testid="lot-price"]')) {
              const card = price.closest('[data-testid="lot-card"]');
              const id = card.getAttribute('data-lot-id');
              const text = price.textContent;
              if (last.get(id) !== text) {
                last.set(id, text);
                const change = { id, text, changed: now, painted: 0 };
                changes.push(change);
                pending.push(change);
              }
            }
            if (pending.length) {
              const batch = pending; pending = [];
              requestAnimationFrame(() => { const t = Date.now(); for (const c of batch) c.painted = t; });
            }
          });
          for (const price of document.querySelectorAll('[data-testid="lot-card"] [data-testid="lot-price"]')) {
            last.set(price.closest('[data-testid="lot-card"]').getAttribute('data-lot-id'), price.textContent);
          }
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
          window.__benchChanges = changes;
        }
        """;

    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        const string title = "Room render";
        var result = new FigureResult(5, title);
        var session = await browser();
        var bidders = await market.CreateBuyersAsync(2);
        var room = await market.CreateRoomAsync("render");
        var lots = await market.ListLotsAsync(room, SaleMode.Exclusive, 1, settings.RenderRoomLots, Reserve, TimeSpan.FromHours(6));
        var url = $"/rooms/{room}";
        var probe = await RoomPage.ProbeAsync(session, url, lots.Count);
        if (probe is not null)
        {
            return FigureResult.Failed(5, title, probe);
        }

        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        var connectedBefore = circuits.Connected;
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(url);
        await page.Locator(RoomPage.Card).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        var firstCard = clock.Elapsed.TotalMilliseconds;
        await circuits.WaitAsync(c => c.Connected > connectedBefore, TimeSpan.FromSeconds(30));
        var interactive = clock.Elapsed.TotalMilliseconds;
        var shown = await page.Locator(RoomPage.Card).CountAsync();
        var visibleIds = (await page.Locator($"{RoomPage.Card}[data-lot-id]").EvaluateAllAsync<string[]>("cards => cards.map(c => c.getAttribute('data-lot-id'))"))
            .Select(Guid.Parse).ToHashSet();
        var targets = lots.Where(visibleIds.Contains).ToArray();
        if (targets.Length == 0)
        {
            return FigureResult.Failed(5, title, $"none of the room's {lots.Count} lots is shown as a card with its data-lot-id on {url}");
        }

        // The first interactive render may still be on its way: let it land before watching prices.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await page.EvaluateAsync(Observer);

        await using var first = market.Hub(bidders[0].ApiKey);
        await using var second = market.Hub(bidders[1].ApiKey);
        await Task.WhenAll(first.StartAsync(), second.StartAsync());
        var senders = new[] { first, second };
        var bidsOnLot = new Dictionary<Guid, int>();
        var failures = 0;
        var repetitions = new List<(double P50, double P99, int Missing)>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            var repSent = new List<(Guid Lot, int K, double At)>();
            var tasks = await Pacer.RunAsync(settings.RenderBids, settings.RenderBidsPerSecond, i =>
            {
                var lot = targets[((rep * settings.RenderBids) + i) % targets.Length];
                var k = bidsOnLot.GetValueOrDefault(lot);
                bidsOnLot[lot] = k + 1;
                repSent.Add((lot, k, WallClock()));
                return senders[k % 2].InvokeAsync<PlaceBidResponse>("PlaceBid", new PlaceBidRequest(lot, Reserve + (market.Increment * k), null, null));
            });
            foreach (var task in tasks)
            {
                var response = await (Task<PlaceBidResponse>)task;
                failures += response.Accepted ? 0 : 1;
            }

            // Wait until every bid of the repetition is on the page, or give up after 15 s (those count as not shown).
            var deadline = Stopwatch.GetTimestamp() + (15 * Stopwatch.Frequency);
            JsonElement changes;
            List<double> latencies;
            while (true)
            {
                changes = await page.EvaluateAsync<JsonElement>("() => window.__benchChanges.map(c => [c.id, c.changed, c.painted])");
                latencies = Match(changes, repSent);
                if (latencies.Count >= repSent.Count || Stopwatch.GetTimestamp() > deadline)
                {
                    break;
                }

                await Task.Delay(100);
            }

            // The paint stamp is set at the next animation frame: give the last change that frame.
            await Task.Delay(100);
            changes = await page.EvaluateAsync<JsonElement>("() => window.__benchChanges.map(c => [c.id, c.changed, c.painted])");
            latencies = Match(changes, repSent);
            repetitions.Add((Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), repSent.Count - latencies.Count));
            log.WriteLine($"  rep {rep + 1}: bid → price painted p50 {Stats.Ms(repetitions[^1].P50)} p99 {Stats.Ms(repetitions[^1].P99)}, {repetitions[^1].Missing} not seen");
        }

        var p50 = Stats.Median(repetitions.Select(r => r.P50));
        var p99 = Stats.Median(repetitions.Select(r => r.P99));
        result.Rows.Add(new ResultRow("bid → price shown p50", Stats.Ms(p50), "—", "—", "—", null));
        result.Rows.Add(new ResultRow("bid → price shown p99", Stats.Ms(p99), "—", "—", "< 250 ms", p99 < 250));
        result.Check("every bid shown on the page", repetitions.All(r => r.Missing == 0) && failures == 0,
            $"{repetitions.Sum(r => r.Missing)} bids never shown; {failures} bids rejected");
        result.Notes.Add($"Room of {lots.Count} open lots; the page showed {shown} cards; first card after {Stats.Ms(firstCard)}, circuit connected after {Stats.Ms(interactive)}. " +
            $"{settings.RenderBids} bids per repetition at {settings.RenderBidsPerSecond}/s spread over the shown lots by 2 SignalR clients; {settings.Repetitions} repetitions.");
        result.Notes.Add($"Time = the page's Date.now() at the first animation frame after the price text changed − .NET's wall clock when the bid was sent (same machine clock). " +
            $"Per repetition p99: {Stats.Each(repetitions.Select(r => r.P99), Stats.Ms)}.");
        return result;
    }

    private static double WallClock() => (DateTime.UtcNow - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>Pairs the k-th bid on a lot with the k-th price change of its card (bids on a lot are far apart, so they are in order).</summary>
    private static List<double> Match(JsonElement changes, List<(Guid Lot, int K, double At)> measured)
    {
        var byLot = new Dictionary<Guid, List<double>>();
        foreach (var change in changes.EnumerateArray())
        {
            var lot = Guid.Parse(change[0].GetString()!);
            var painted = change[2].GetDouble();
            var at = painted > 0 ? painted : change[1].GetDouble();
            if (!byLot.TryGetValue(lot, out var list))
            {
                byLot[lot] = list = [];
            }

            list.Add(at);
        }

        var latencies = new List<double>();
        foreach (var (lot, k, at) in measured)
        {
            if (byLot.TryGetValue(lot, out var list) && k < list.Count)
            {
                latencies.Add(list[k] - at);
            }
        }

        return latencies;
    }
}
