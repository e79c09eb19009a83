using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>
/// After a restart (nothing remembered in memory) a burst that mixes resent client bid ids with new ones, decided in
/// batches, counts each bid once, and no batch has to fall back to deciding its bids one by one.
/// </summary>
public sealed class BatchedClientBidIdTests : IDisposable
{
    private const int Burst = 48;

    private readonly string dataDirectory = MarketApplication.NewDataDirectory();
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Resent_ids_in_a_burst_after_a_restart_are_one_bid_each_and_new_ones_are_written()
    {
        IReadOnlyList<ListedLot> firstLots, secondLots;
        string buyer;
        List<PlaceBidCommand> first;
        await using (var before = new MarketApplication(dataDirectory, clock))
        {
            buyer = (await TestBuyers.CreateOneAsync(before.Services, creditLimit: 100_000m)).UserId;
            firstLots = await TestListings.ListLotsAsync(before.Services, Burst, reserve: 10m);
            secondLots = await TestListings.ListLotsAsync(before.Services, Burst, reserve: 10m);
            first = [.. firstLots.Select((l, i) => new PlaceBidCommand(buyer, l.LotId, 10m, null, $"first-{i}"))];
            var answers = await PlaceAllAsync(before.Services, first);
            Assert.All(answers, a => Assert.True(a.Accepted, a.Rejection?.Message));
        }

        var recorder = new LogRecorder();
        await using var restarted = new MarketApplication(dataDirectory, clock);
        await using var after = restarted.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder)));
        var resent = first.Select(c => c with { Amount = 25m });
        var fresh = secondLots.Select((l, i) => new PlaceBidCommand(buyer, l.LotId, 10m, null, $"second-{i}"));
        var mixed = resent.Zip(fresh, (a, b) => new[] { a, b }).SelectMany(p => p).ToList();
        var results = await PlaceAllAsync(after.Services, mixed);

        for (var i = 0; i < mixed.Count; i++)
        {
            Assert.True(results[i].Accepted, results[i].Rejection?.Message);
            Assert.Equal(mixed[i].ClientBidId!.StartsWith("first-", StringComparison.Ordinal), results[i].Repeated);
        }

        await using var db = after.Services.GetRequiredService<IDbContextFactory<MarketDbContext>>().CreateDbContext();
        var rows = await db.Bids.Where(b => b.BuyerId == buyer).Select(b => new { b.ClientBidId, b.Amount, b.Sequence }).ToListAsync();
        Assert.Equal(2 * Burst, rows.Count);
        Assert.Equal(2 * Burst, rows.Select(r => r.ClientBidId).Distinct().Count());
        Assert.All(rows, r => Assert.Equal((10m, 1L), (r.Amount, r.Sequence)));

        // The batches recognised the resent ids themselves: none failed on the unique index and fell back.
        Assert.DoesNotContain(recorder.Entries, e => e.Text.Contains("failed as a whole", StringComparison.Ordinal));
    }

    public void Dispose() => MarketApplication.DeleteDataDirectory(dataDirectory);

    /// <summary>All at once, so the writer takes them in a few batches.</summary>
    private static async Task<PlaceBidResult[]> PlaceAllAsync(IServiceProvider services, IEnumerable<PlaceBidCommand> commands)
    {
        var writer = services.GetRequiredService<AuctionWriter>();
        return await Task.WhenAll(commands.Select(c => writer.PlaceBidAsync(c)));
    }
}
