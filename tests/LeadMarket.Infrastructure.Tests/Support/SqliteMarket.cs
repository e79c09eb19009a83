using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Support;

/// <summary>
/// One app on a throw-away SQLite folder with a fake clock, shared by the writer tests (they run one after the
/// other and each lists its own lots). The clock's timers never fire (<see cref="ManualClock"/>), so every close in
/// these tests is one the test asked for; tests that want the sweep call <see cref="LotClosingWorker.CloseDueLotsAsync"/>.
/// </summary>
public sealed class SqliteMarket : IAsyncLifetime
{
    public ManualClock Time { get; } = new();

    public MarketApplication App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public AuctionWriter Writer => Services.GetRequiredService<AuctionWriter>();

    public BidService Bids => Services.GetRequiredService<BidService>();

    public IAuctionNotifier Notifier => Services.GetRequiredService<IAuctionNotifier>();

    public Task InitializeAsync()
    {
        App = new MarketApplication(time: Time);
        _ = App.Services; // starts the app: migrated, seeded, writer running
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    /// <summary>A new buyer with a credit line (see <see cref="TestBuyers"/>), by user id.</summary>
    public async Task<string> CreateBuyerAsync(string name, decimal creditLimit) =>
        (await TestBuyers.CreateOneAsync(Services, creditLimit, name)).UserId;

    public Task<PlaceBidResult> BidAsync(string buyerId, Guid lotId, decimal amount, decimal? max = null) =>
        Bids.PlaceBidAsync(new PlaceBidCommand(buyerId, lotId, amount, max, Guid.NewGuid().ToString("N")));
}

[CollectionDefinition(Name)]
public sealed class SqliteMarketCollection : ICollectionFixture<SqliteMarket>
{
    public const string Name = "SQLite market with a fake clock";
}
