using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>
/// A lot's settlement writes its purchase and the purchase's outbox row in one transaction: when the outbox row
/// cannot be written (a trigger of this test refuses it), nothing of the close is left, and the next close settles
/// the lot with both.
/// </summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class SettlementOutboxTests(SqliteMarket market)
{
    [Fact]
    public async Task A_close_whose_outbox_row_fails_writes_nothing_and_the_next_close_writes_purchase_and_row_together()
    {
        var buyer = await market.CreateBuyerAsync("outbox-refused", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        Assert.True((await market.BidAsync(buyer, lot.LotId, 12m, max: 20m)).Accepted);
        // DDL takes no parameters; every part of it is this test's own (its lot's id).
        var create = $"""CREATE TRIGGER "fail_outbox" BEFORE INSERT ON "OutboxMessages" WHEN NEW."Payload" LIKE '%{lot.LotId}%' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;""";
        await using (var db = market.App.Db())
        {
            await db.Database.ExecuteSqlRawAsync(create);
        }

        market.Time.SetUtcNow(lot.EndsAt);
        try
        {
            var failure = await Assert.ThrowsAnyAsync<DbException>(() => market.Writer.CloseAsync(lot.LotId));
            Assert.Contains("refused by the test", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await using var db = market.App.Db();
            await db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "fail_outbox";""");
        }

        await using (var db = market.App.Db())
        {
            var row = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == lot.LotId);
            Assert.Equal(LotStatus.Open, row.Status);
            Assert.False(await db.Purchases.AnyAsync(p => p.LotId == lot.LotId));
            var account = await db.BuyerAccounts.AsNoTracking().SingleAsync(a => a.UserId == buyer);
            Assert.Equal((0m, 20m), (account.CreditUsed, account.Exposure));
        }

        Assert.True(await market.Writer.CloseAsync(lot.LotId));
        await using (var db = market.App.Db())
        {
            var purchase = Assert.Single(await db.Purchases.AsNoTracking().Where(p => p.LotId == lot.LotId).ToListAsync());
            var message = Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Type == PurchaseSettled.Type).ToListAsync(), m => PurchaseSettled.Read(m.Payload).LotId == lot.LotId);
            var settled = PurchaseSettled.Read(message.Payload);
            Assert.Equal((purchase.Id, lot.LeadId, buyer, 12m), (settled.PurchaseId, settled.LeadId, settled.BuyerId, settled.Price));
            var account = await db.BuyerAccounts.AsNoTracking().SingleAsync(a => a.UserId == buyer);
            Assert.Equal((12m, 0m), (account.CreditUsed, account.Exposure));
        }
    }
}
