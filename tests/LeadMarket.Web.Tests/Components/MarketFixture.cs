using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Leads;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Components;

/// <summary>
/// One real market (MarketApplication over its own SQLite folder) shared by the component tests that need real
/// services: lots are listed through the real ListingService, bids go through the real BidService, and events
/// come from the real notifier.
/// </summary>
public sealed class MarketFixture : IAsyncLifetime
{
    private AsyncServiceScope scope;

    public MarketApplication App { get; } = new();

    public IServiceProvider Services => App.Services;

    public async Task InitializeAsync()
    {
        _ = App.ServerAddress;
        scope = App.Services.CreateAsyncScope();
        await Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await scope.DisposeAsync();
        await App.DisposeAsync();
    }

    /// <summary>Hands the app's own services to a bUnit context, so components run against the real market.</summary>
    public void AddMarketServices(IServiceCollection services)
    {
        services.AddSingleton(Services.GetRequiredService<RoomQueries>());
        services.AddSingleton(Services.GetRequiredService<BidService>());
        services.AddSingleton(Services.GetRequiredService<IAuctionNotifier>());
        services.AddSingleton(Services.GetRequiredService<PurchasedLeads>());
        services.AddSingleton(Services.GetRequiredService<TimeProvider>());
        services.AddSingleton(scope.ServiceProvider.GetRequiredService<AccountAdministration>());
    }

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
