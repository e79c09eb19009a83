using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>A node that was down when a lot ended settles it when it comes back, exactly once.</summary>
public sealed class RestartSettlementTests : IAsyncLifetime
{
    private readonly string dataDirectory = MarketApplication.NewDataDirectory();

    // One clock across both "processes": the time the lot ends passes while no app is running.
    private readonly FakeTimeProvider clock = new(DateTimeOffset.UtcNow);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        MarketApplication.DeleteDataDirectory(dataDirectory);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_host_restarted_after_a_lots_end_settles_it_exactly_once()
    {
        ListedLot lot;
        TestBuyer loser, winner;
        await using (var before = new MarketApplication(dataDirectory, clock))
        {
            lot = await TestListings.ListLotAsync(before.Services, reserve: 10m, durationSeconds: ListingService.MinDurationSeconds);
            var buyers = await TestBuyers.CreateAsync(before.Services, 2, creditLimit: 100m);
            (loser, winner) = (buyers[0], buyers[1]);
            await using var first = await HubBidder.ConnectAsync(before, loser);
            await using var second = await HubBidder.ConnectAsync(before, winner);
            Assert.True((await first.BidAsync(lot.LotId, 10m)).Accepted);
            Assert.True((await second.BidAsync(lot.LotId, 11m, maxAmount: 20m)).Accepted);
            Assert.Equal(LotStatus.Open, await MarketFixture.StatusAsync(before, lot.LotId));
        }

        // Down while the lot ends.
        clock.Advance(lot.EndsAt - clock.GetUtcNow() + TimeSpan.FromMinutes(5));

        await using var after = new MarketApplication(dataDirectory, clock);
        _ = after.ServerAddress;
        await Eventually.TrueAsync(async () => await MarketFixture.StatusAsync(after, lot.LotId) == LotStatus.Closed,
            "the closing worker to settle the overdue lot on start");

        var settled = await SettlementAsync(after, lot.LotId);
        var purchase = Assert.Single(settled.Purchases);
        Assert.Equal(winner.UserId, purchase.BuyerId);
        Assert.Equal(11m, purchase.Price);
        Assert.Equal(LotOutcome.Sold, settled.Outcome);
        Assert.Equal((11m, 0m), settled.Winner);
        var loserAccount = await MarketFixture.AccountAsync(after, loser.UserId);
        Assert.Equal((0m, 0m), (loserAccount.CreditUsed, loserAccount.Exposure));

        // Closing again, by the sweep or directly, changes nothing.
        Assert.Equal(0, await after.Services.GetRequiredService<LotClosingWorker>().CloseDueLotsAsync(CancellationToken.None));
        Assert.False(await after.Services.GetRequiredService<AuctionWriter>().CloseAsync(lot.LotId));

        var again = await SettlementAsync(after, lot.LotId);
        Assert.Equal(settled.Outcome, again.Outcome);
        Assert.Equal(settled.ClosedAt, again.ClosedAt);
        Assert.Equal(settled.Winner, again.Winner);
        Assert.Equal(purchase.Id, Assert.Single(again.Purchases).Id);
    }

    private sealed record Settlement(LotOutcome Outcome, DateTimeOffset? ClosedAt, IReadOnlyList<Purchase> Purchases, (decimal CreditUsed, decimal Exposure) Winner);

    private static async Task<Settlement> SettlementAsync(MarketApplication app, Guid lotId)
    {
        await using var db = app.Db();
        var lot = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lotId);
        var purchases = await db.Purchases.AsNoTracking().Where(p => p.LotId == lotId).ToListAsync();
        var winner = purchases.Count == 0 ? null : await db.BuyerAccounts.AsNoTracking().SingleAsync(b => b.UserId == purchases[0].BuyerId);
        return new Settlement(lot.Outcome, lot.ClosedAt, purchases, winner is null ? default : (winner.CreditUsed, winner.Exposure));
    }
}
