using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Leads;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Support;

/// <summary>
/// One running market (MarketApplication over its own SQLite folder, demo accounts seeded) for bUnit tests that
/// need real services: a class fixture where a class changes the market (admin pages), a collection fixture for the
/// component tests, which each list their own lots.
/// </summary>
public sealed class MarketFixture : IAsyncLifetime
{
    public MarketApplication App { get; } = new();

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
}

[CollectionDefinition(Name)]
public sealed class MarketCollection : ICollectionFixture<MarketFixture>
{
    public const string Name = "Market";
}
