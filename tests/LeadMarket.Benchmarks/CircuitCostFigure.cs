using LeadMarket.Domain.Auctions;
using Microsoft.Playwright;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 4: server memory per open buyer room page (one Blazor circuit each), measured in this process (the app
/// runs in it) as managed heap growth after full collections, with N real Chromium pages open; against N circuits of
/// the app's simplest interactive page (Home, "/"). The benchmark's own Playwright objects per page are measured
/// with N blank pages and taken off both.
/// </summary>
internal sealed class CircuitCostFigure(BenchSettings settings, MarketHost market, Func<Task<BrowserSession>> browser, CircuitMeter circuits)
{
    private readonly List<string> meterShortfalls = [];

    private const int OpenInParallel = 6;

    public async Task<FigureResult> RunAsync(TextWriter log)
    {
        const string title = "Circuit cost";
        var result = new FigureResult(4, title);
        var session = await browser();
        var room = await market.CreateRoomAsync("circuits");
        await market.ListLotsAsync(room, SaleMode.Exclusive, 1, settings.CircuitRoomLots, 10m, TimeSpan.FromHours(6));
        var roomUrl = $"/rooms/{room}";

        var idle = circuits.Active;
        var probe = await RoomPage.ProbeAsync(session, roomUrl, settings.CircuitRoomLots);
        if (probe is not null)
        {
            return FigureResult.Failed(4, title, probe);
        }

        // The probe's circuit must be gone before anything is weighed: a circuit that ends during a round takes its
        // memory and its count out of that round (seen on 2026-12-07: the count one short, a 6-page round 50 KB light).
        await circuits.WaitAsync(c => c.Active <= idle, TimeSpan.FromSeconds(10));

        var n = settings.Circuits;

        // One untimed round first, as every figure does: the first pages of a fresh process also grow what every later
        // page shares (buffer pools, JIT and component-type caches, the shared card markup), which is not a circuit's.
        log.WriteLine("  warming up...");
        await MeasureAsync(session, n, "/", "text=LeadMarket", expectCircuits: true);
        await MeasureAsync(session, n, roomUrl, "[data-testid=\"lot-card\"]", expectCircuits: true);

        var blank = new List<double>();
        var home = new List<double>();
        var rooms = new List<double>();
        for (var rep = 0; rep < settings.Repetitions; rep++)
        {
            blank.Add(await MeasureAsync(session, n, "about:blank", null, expectCircuits: false));
            home.Add(await MeasureAsync(session, n, "/", "text=LeadMarket", expectCircuits: true));
            rooms.Add(await MeasureAsync(session, n, roomUrl, "[data-testid=\"lot-card\"]", expectCircuits: true));
            log.WriteLine($"  rep {rep + 1}: per page: blank {Stats.Kb(blank[^1])}, home {Stats.Kb(home[^1])}, room {Stats.Kb(rooms[^1])}");
        }

        var client = Stats.Median(blank);
        var homeCircuit = Stats.Median(home) - client;
        var roomCircuit = Stats.Median(rooms) - client;
        var ratio = roomCircuit / homeCircuit;
        result.Rows.Add(new ResultRow("server memory per room page circuit", Stats.Kb(roomCircuit), Stats.Kb(homeCircuit), Stats.Ratio(ratio), "< 2x and < 500 KB",
            ratio < 2 && roomCircuit < 500 * 1024));
        result.Notes.Add($"{n} Chromium pages at a time (one browser, one context per page kind, signed in as a buyer), {settings.Repetitions} repetitions; " +
            $"room pages show a room of {settings.CircuitRoomLots} open lots. Memory = managed heap after forced full compacting collections, " +
            "after − before, divided by the number of pages.");
        result.Notes.Add($"Baseline: the app's Home page (\"/\"), its simplest interactive page (same layout, MudBlazor providers and authentication state as " +
            $"every page), so the ratio is what the room itself adds to a circuit. Playwright's own objects per page in this process " +
            $"({Stats.Kb(client)}, measured with blank pages) are taken off both. Per repetition, raw per page: blank {Stats.Each(blank, Stats.Kb)}; " +
            $"home {Stats.Each(home, Stats.Kb)}; room {Stats.Each(rooms, Stats.Kb)}. Every page showed the mark of its interactive circuit" +
            (meterShortfalls.Count == 0
                ? " and the framework's circuit count matched."
                : $"; the framework's circuit count fell short in {meterShortfalls.Count} rounds ({string.Join("; ", meterShortfalls)})."));
        return result;
    }

    private async Task<double> MeasureAsync(BrowserSession session, int count, string url, string? readySelector, bool expectCircuits)
    {
        var activeBefore = circuits.Active;
        var before = Heap.AfterFullCollection();
        var context = await session.NewContextAsync();
        var pages = new IPage[count];
        try
        {
            using var gate = new SemaphoreSlim(OpenInParallel);
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    var page = await context.NewPageAsync();
                    pages[i] = page;
                    await page.GotoAsync(url);
                    if (readySelector is not null)
                    {
                        await page.Locator(readySelector).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                    }

                    if (expectCircuits)
                    {
                        // The layout marks the page once its circuit has taken over the prerendered HTML.
                        await page.Locator(".app-shell[data-interactive]").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));

            // Every page showed the mark of its circuit above; the framework's circuit counter is checked against it and
            // reported. (It fell one short in most runs until 2026-12-07: the probe's page was closed without leaving it,
            // so its circuit stayed in memory, disconnected, and ended in the middle of a later round.)
            if (expectCircuits && !await circuits.WaitAsync(c => c.Active >= activeBefore + count, TimeSpan.FromSeconds(10)))
            {
                meterShortfalls.Add($"{url}: {circuits.Active - activeBefore} of {count}");
            }

            // Let first renders and the interactive re-render settle before weighing.
            await Task.Delay(settings.CircuitSettle);
            var after = Heap.AfterFullCollection();
            return (after - before) / (double)count;
        }
        finally
        {
            // Navigating away lets Blazor end each circuit at once (it signals the server on pagehide), so no
            // disconnected circuit lingers into the next measurement.
            await Task.WhenAll(pages.Where(p => p is not null).Select(RoomPage.LeaveAsync));
            await context.CloseAsync();
            if (expectCircuits)
            {
                await circuits.WaitAsync(c => c.Active <= activeBefore, TimeSpan.FromSeconds(30));
            }
        }
    }
}

internal static class Heap
{
    public static long AfterFullCollection()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>What the suite expects of the room page (marked by its author for tests): one card per lot with its price.</summary>
internal static class RoomPage
{
    public const string Card = "[data-testid=\"lot-card\"]";
    public const string Price = "[data-testid=\"lot-price\"]";

    /// <summary>Null when /rooms/{id} shows the room's lot cards with prices; otherwise why not, in words.</summary>
    public static async Task<string?> ProbeAsync(BrowserSession session, string url, int expectedCards)
    {
        await using var context = await session.NewContextAsync();
        var page = await context.NewPageAsync();
        try
        {
            try
            {
                await page.GotoAsync(url);
                await page.Locator(Card).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
            }
            catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
            {
                return $"room page not found or not marked: {url} showed no {Card} element ({ex.Message.Split('\n')[0]}); " +
                    "the room page must mark each card with data-testid=\"lot-card\" data-lot-id=\"<lot id>\" and its price with data-testid=\"lot-price\"";
            }

            var cards = await page.Locator(Card).CountAsync();
            var prices = await page.Locator($"{Card} {Price}").CountAsync();
            var ids = await page.Locator($"{Card}[data-lot-id]").CountAsync();
            if (cards == 0 || prices < cards || ids < cards)
            {
                return $"room page not marked as expected: {url} shows {cards} lot cards ({ids} with data-lot-id, {prices} with a lot-price) for {expectedCards} open lots";
            }

            return null;
        }
        finally
        {
            await LeaveAsync(page);
        }
    }

    /// <summary>
    /// Leaves a page so that Blazor ends its circuit at once (the page signals the server when it is hidden); a page
    /// closed in place leaves its circuit in memory, disconnected, for the retention period.
    /// </summary>
    public static async Task LeaveAsync(IPage page)
    {
        try
        {
            await page.GotoAsync("about:blank");
        }
        catch (PlaywrightException)
        {
        }
    }
}
