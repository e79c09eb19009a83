using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
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

    public async Task<RoomSummary> RoomAsync(string vertical)
    {
        var rooms = await Services.GetRequiredService<RoomQueries>().ListRoomsAsync();
        return rooms.First(r => r.Vertical == vertical);
    }

    /// <summary>Lists one lead as publisher1 and answers its card as buyers see it.</summary>
    public async Task<LotView> ListLotAsync(LeadInput lead, string vertical = "Solar", decimal reserve = 20m, int durationSeconds = 600)
    {
        var room = await RoomAsync(vertical);
        var publisherId = await App.UserIdAsync("publisher1");
        var listing = await Services.GetRequiredService<ListingService>().ListAsync(
            publisherId, new BatchTerms("Component test batch", room.RoomId, SaleMode.Exclusive, 1, reserve, durationSeconds), [lead]);
        Assert.True(listing.Ok, string.Join("; ", listing.Errors));

        await using var db = App.Db();
        var lotId = db.Lots.Where(l => l.BatchId == listing.BatchId).Select(l => l.Id).Single();
        return await Services.GetRequiredService<RoomQueries>().GetLotAsync(lotId) ?? throw new InvalidOperationException("The listed lot is not found.");
    }

    public static LeadInput Lead(string need = "Quote for a 10 kWp solar roof with battery") => new(
        FirstName: "Annegret",
        LastName: "Kowalczyk",
        Email: "annegret.kowalczyk@example.org",
        Phone: "+49 89 5551234",
        Street: "Leopoldstraße 77",
        PostalCode: "80802",
        City: "München",
        Country: "DE",
        Language: "de",
        Need: need,
        Consent: new ConsentEvidence(
            new DateTimeOffset(2026, 11, 20, 9, 15, 0, TimeSpan.Zero), "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64)",
            "https://solar.example.org/angebot", "I agree that solar installers may contact me about my request.",
            new DateTimeOffset(2026, 11, 20, 9, 15, 5, TimeSpan.Zero), new DateTimeOffset(2026, 11, 20, 9, 20, 0, TimeSpan.Zero), "203.0.113.7"));
}

[CollectionDefinition(Name)]
public sealed class MarketCollection : ICollectionFixture<MarketFixture>
{
    public const string Name = "Market";
}
