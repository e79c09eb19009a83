using LeadMarket.Domain.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Intake;

/// <summary>
/// bUnit over a market of the test's own (its own SQLite folder, the test accounts seeded), signed in as the test
/// publisher publisher1.
/// </summary>
public abstract class PublisherTestContext : BunitTest
{
    private readonly MarketApplication market = new();

    protected string PublisherId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        UseMarket(market);
        PublisherId = await SignInAsync("publisher1", Roles.Publisher);

        // Last: it builds the renderer, and with it the service provider. Pages render as in a live circuit.
        RenderInteractively();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        await market.DisposeAsync();
    }

    /// <summary>Lists a batch for a test publisher ("publisher1", "publisher2") and answers its id.</summary>
    protected async Task<Guid> ListBatchAsync(string publisher, string name, int leadCount = 1)
    {
        var lots = await TestListings.ListLotsAsync(App.Services, leadCount, durationSeconds: 3600, room: "finance", publisher: publisher, batchName: name);
        return lots[0].BatchId;
    }
}
