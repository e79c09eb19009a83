using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Support;

/// <summary>
/// One running market (<see cref="MarketApplication"/> over its own SQLite folder, with the <see cref="TestAccounts"/>)
/// on a clock the tests move: nothing ends unless a test says so, and the closing worker (a periodic timer on this
/// clock) only runs when the clock is advanced. A class fixture where a class changes the market, a collection
/// fixture (<see cref="MarketCollection"/>) for the component tests, which each list their own lots.
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

    public IServiceProvider Services => App.Services;

    public Task InitializeAsync()
    {
        _ = App.ServerAddress;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>Lists one lead as publisher1 in a vertical's room and answers its card as buyers see it.</summary>
    public async Task<LotView> ListLotAsync(LeadInput lead, string room = "solar", decimal reserve = 20m, int durationSeconds = 600)
    {
        var lot = await TestListings.ListLotAsync(Services, reserve: reserve, durationSeconds: durationSeconds, lead: lead, room: room, batchName: "Component test batch");
        return await Services.GetRequiredService<RoomQueries>().GetLotAsync(lot.LotId) ?? throw new InvalidOperationException("The listed lot is not found.");
    }

    /// <summary>A solar lead from Munich whose opt-in was confirmed at 2026-11-20 09:20 UTC.</summary>
    public static LeadInput Lead(string need = "Quote for a 10 kWp solar roof with battery") =>
        TestLeads.Valid(DateTimeOffset.UtcNow) with
        {
            FirstName = "Annegret",
            LastName = "Kowalczyk",
            Email = "annegret.kowalczyk@example.org",
            Phone = "+49 89 5551234",
            Street = "Leopoldstraße 77",
            PostalCode = "80802",
            City = "München",
            Need = need,
            Consent = TestLeads.DoubleOptIn(new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero)),
        };

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

[CollectionDefinition(Name)]
public sealed class MarketCollection : ICollectionFixture<MarketFixture>
{
    public const string Name = "Market";
}
