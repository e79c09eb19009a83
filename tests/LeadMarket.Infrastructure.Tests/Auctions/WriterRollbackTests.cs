using System.Data.Common;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>
/// A decision whose statements fail half-way leaves nothing behind on SQLite: the lot, the credit held back and the
/// bid rows are as before, and the writer's next transaction goes through. A trigger on this test's own bidder makes
/// the bid's INSERT fail after the credit and the lot were already written in the same transaction.
/// </summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class WriterRollbackTests(SqliteMarket market)
{
    [Theory]
    [InlineData("ABORT")]    // SQLite undoes the statement and keeps the transaction open: the writer rolls it back
    [InlineData("ROLLBACK")] // SQLite ends the whole transaction itself: there is nothing left to roll back
    public async Task A_decision_that_fails_half_way_writes_nothing_and_the_next_one_goes_through(string raise)
    {
        var leader = await market.CreateBuyerAsync($"steady-{raise}", 1_000m);
        var doomed = await market.CreateBuyerAsync($"doomed-{raise}", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        Assert.True((await market.BidAsync(leader, lot.LotId, 10m, max: 11m)).Accepted);
        // DDL takes no parameters; every part of it is this test's own (a user id it created, a keyword).
        var trigger = $"fail_bids_{raise}";
        var create = $"""CREATE TRIGGER "{trigger}" BEFORE INSERT ON "Bids" WHEN NEW."BuyerId" = '{doomed}' BEGIN SELECT RAISE({raise}, 'refused by the test'); END;""";
        var drop = $"""DROP TRIGGER "{trigger}";""";
        await using (var db = market.App.Db())
        {
            await db.Database.ExecuteSqlRawAsync(create);
        }

        try
        {
            // The doomed bid outbids the leader: its credit is held, the leader's released and the lot row
            // rewritten before its own INSERT fails.
            var failure = await Assert.ThrowsAnyAsync<DbException>(() => market.BidAsync(doomed, lot.LotId, 12m, max: 20m));
            Assert.Contains("refused by the test", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await using var db = market.App.Db();
            await db.Database.ExecuteSqlRawAsync(drop);
        }

        await using (var db = market.App.Db())
        {
            var row = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot.LotId);
            Assert.Equal((1L, 10m, 1), (row.Sequence, row.CurrentPrice, row.LeadingCount));
            Assert.Equal(1, await db.Bids.CountAsync(b => b.LotId == lot.LotId));
            var accounts = await db.BuyerAccounts.AsNoTracking().Where(a => a.UserId == leader || a.UserId == doomed).ToDictionaryAsync(a => a.UserId);
            Assert.Equal(11m, accounts[leader].Exposure);
            Assert.Equal(0m, accounts[doomed].Exposure);
        }

        var retried = await market.BidAsync(doomed, lot.LotId, 12m, max: 20m);
        Assert.True(retried.Accepted, retried.Rejection?.Message);
        Assert.True(retried.Leading);
        Assert.Equal((12m, 3L), (retried.CurrentPrice, retried.Sequence)); // the leader's proxy bid at 11, then 12
        await using (var db = market.App.Db())
        {
            var accounts = await db.BuyerAccounts.AsNoTracking().Where(a => a.UserId == leader || a.UserId == doomed).ToDictionaryAsync(a => a.UserId);
            Assert.Equal((0m, 20m), (accounts[leader].Exposure, accounts[doomed].Exposure));
        }
    }
}
