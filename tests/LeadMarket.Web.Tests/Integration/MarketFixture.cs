using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>
/// One running market per test class, on a clock the tests move: nothing ends unless a test says so, and the
/// closing worker (a periodic timer on this clock) only runs when the clock is advanced.
/// </summary>
public class MarketFixture : IAsyncLifetime
{
    public MarketFixture()
        : this(settings: null)
    {
    }

    /// <param name="settings">Configuration for the market, e.g. a hub option a test class depends on.</param>
    protected MarketFixture(IReadOnlyDictionary<string, string?>? settings)
    {
        App = new MarketApplication(time: Clock, settings: settings);
    }

    /// <summary>Starts at the real time, so keys, consent dates and cookies look ordinary.</summary>
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public MarketApplication App { get; }

    public Task InitializeAsync()
    {
        _ = App.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Moves the clock past the lot's end and lets the closing worker settle it.</summary>
    public Task CloseAsync(Guid lotId) => CloseAsync(App, Clock, lotId);

    public static async Task CloseAsync(MarketApplication app, FakeTimeProvider clock, Guid lotId)
    {
        DateTimeOffset endsAt;
        await using (var db = app.Db())
        {
            endsAt = await db.Lots.Where(l => l.Id == lotId).Select(l => l.EndsAt).SingleAsync();
        }

        var now = clock.GetUtcNow();
        if (endsAt >= now)
        {
            clock.Advance(endsAt - now + TimeSpan.FromSeconds(1));
        }

        await Eventually.TrueAsync(
            async () =>
            {
                // Each step is one tick of the worker's timer.
                clock.Advance(LotClosingWorker.Interval);
                return await StatusAsync(app, lotId) == LotStatus.Closed;
            },
            $"lot {lotId} to be closed by the closing worker");
    }

    public static async Task<LotStatus> StatusAsync(MarketApplication app, Guid lotId)
    {
        await using var db = app.Db();
        return await db.Lots.Where(l => l.Id == lotId).Select(l => l.Status).SingleAsync();
    }

    public static async Task<BuyerAccount> AccountAsync(MarketApplication app, string userId)
    {
        await using var db = app.Db();
        return await db.BuyerAccounts.AsNoTracking().SingleAsync(b => b.UserId == userId);
    }
}
