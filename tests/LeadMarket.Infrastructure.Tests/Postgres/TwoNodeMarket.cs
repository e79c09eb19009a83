using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>
/// Two nodes of the market on one throw-away PostgreSQL database: two app instances, each with its own bid writer
/// and closing sweep, sharing one data folder for their data protection keys (the SQLite file in it is unused). Both
/// run on one <see cref="ManualClock"/>, so nothing closes unless a test moves the clock and asks for it.
/// </summary>
public sealed class TwoNodeMarket : IAsyncLifetime
{
    private readonly string dataDirectory = MarketApplication.NewDataDirectory();
    private PostgresServer? postgres;
    private MarketApplication? appA;
    private MarketApplication? appB;

    public ManualClock Clock { get; } = new();

    public Node A { get; private set; } = null!;

    public Node B { get; private set; } = null!;

    public IReadOnlyList<Node> Nodes => [A, B];

    public async Task InitializeAsync()
    {
        postgres = await PostgresServer.StartAsync("leadmarket");
        var settings = new Dictionary<string, string?>
        {
            ["Market:Provider"] = "Postgres",
            ["Market:ConnectionString"] = postgres.ConnectionString("leadmarket"),
        };

        // Node A migrates and seeds alone; node B starts on the finished database.
        appA = new MarketApplication(dataDirectory, Clock, settings: settings);
        A = new Node("A", appA.Services);
        appB = new MarketApplication(dataDirectory, Clock, settings: settings);
        B = new Node("B", appB.Services);
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (appB is not null)
            {
                await appB.DisposeAsync();
            }

            if (appA is not null)
            {
                await appA.DisposeAsync();
            }
        }
        finally
        {
            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            MarketApplication.DeleteDataDirectory(dataDirectory);
        }
    }
}

/// <summary>One node's services, as its pages, hub and API would use them.</summary>
public sealed class Node(string name, IServiceProvider services)
{
    public string Name { get; } = name;

    public IServiceProvider Services { get; } = services;

    public BidService Bids { get; } = services.GetRequiredService<BidService>();

    public AuctionWriter Writer { get; } = services.GetRequiredService<AuctionWriter>();

    public LotClosingWorker Sweep { get; } = services.GetRequiredService<LotClosingWorker>();

    public IAuctionNotifier Notifier { get; } = services.GetRequiredService<IAuctionNotifier>();

    public override string ToString() => $"node {Name}";
}
