using System.Data;
using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Outbox;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Settles one lot whose time is up, inside the writer's transaction: the batch's deferred write of the lot first,
/// then the guarded close (exactly once, whoever tries), a purchase per winner (locked until the outbox unlocks it),
/// the winner's credit settled, and a <see cref="PurchaseSettled"/> outbox row per purchase, all in the same
/// transaction: a purchase is never without the message that unlocks it, nor a message without its purchase.
/// </summary>
internal sealed partial class CloseLotStep(AuctionCache cache, AuctionStateSql state, CloseLotSql sql, TimeProvider time, ILogger logger)
{
    private const int MaxAttempts = 4;

    public async Task<bool> RunAsync(AuctionUnit unit, Guid lotId, CancellationToken ct)
    {
        var fresh = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var lot = await cache.GetLotAsync(unit, lotId, fresh, ct);
            if (lot is null || lot.State.Status != LotStatus.Open || now < lot.State.EndsAt)
            {
                if (!fresh && lot is not null && !unit.Lots.ContainsKey(lotId))
                {
                    fresh = true;
                    continue;
                }

                return false;
            }

            var settlement = Auction.Settle(lot.State, now);
            await unit.WritePendingLotAsync(state, lot.Id, ct);
            if (!await sql.CloseLotAsync(lot.Id, lot.Version, settlement.Outcome, now, ct))
            {
                fresh = true;
                continue;
            }

            var winners = new List<WinnerView>(settlement.Winners.Length);
            foreach (var winner in settlement.Winners)
            {
                var purchaseId = Guid.NewGuid();
                await sql.InsertPurchaseAsync(purchaseId, lot.Id, lot.LeadId, winner.BuyerId, winner.Price, now, ct);
                await sql.SettleBuyerAsync(winner.BuyerId, winner.Price, winner.Reserved, ct);
                await sql.InsertOutboxMessageAsync(PurchaseSettled.Type, PurchaseSettled.Payload(purchaseId, lot.Id, lot.LeadId, winner.BuyerId, winner.Price, now), now, ct);
                unit.OutboxMessages++;
                var buyer = await cache.GetBuyerAsync(unit, winner.BuyerId, fresh: false, ct);
                if (buyer is not null)
                {
                    unit.Buyers[winner.BuyerId] = buyer with { CreditUsed = buyer.CreditUsed + winner.Price, Exposure = buyer.Exposure - winner.Reserved };
                }

                winners.Add(new WinnerView(winner.BuyerId, BidderAlias.For(lot.Id, winner.BuyerId), winner.Price));
            }

            unit.Lots[lot.Id] = lot with { State = settlement.Closed, Version = lot.Version + 1 };
            unit.Events.Add(new LotClosedEvent(lot.RoomId, lot.Id, settlement.Outcome, winners, now));
            return true;
        }

        LogContended(lotId);
        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lot {LotId} stayed contended after several attempts")]
    private partial void LogContended(Guid lotId);
}

/// <summary>The statements of <see cref="CloseLotStep"/>: the guarded close, the purchase, the buyer's settlement and the outbox row.</summary>
internal sealed class CloseLotSql
{
    /// <summary>The conditional write that closes a lot: exactly once, whoever tries.</summary>
    private const string CloseLotText =
        """
        UPDATE "Lots" SET "Status" = 'Closed', "Outcome" = @outcome, "ClosedAt" = @at, "Version" = @version + 1
        WHERE "Id" = @id AND "Version" = @version AND "Status" = 'Open'
        """;

    /// <summary>A purchase starts locked ("UnlockedAt" null): the outbox's <see cref="PurchaseSettled"/> handler unlocks it.</summary>
    private const string InsertPurchaseText =
        """
        INSERT INTO "Purchases" ("Id", "LotId", "LeadId", "BuyerId", "Price", "PurchasedAt")
        VALUES (@id, @lot, @lead, @buyer, @price, @at)
        """;

    /// <summary>A won share becomes used credit; what its maximum held back beyond the price is released.</summary>
    private const string SettleBuyerText =
        """UPDATE "BuyerAccounts" SET "CreditUsed" = "CreditUsed" + @price, "Exposure" = "Exposure" - @reserved WHERE "UserId" = @id""";

    private const string InsertOutboxText =
        """
        INSERT INTO "OutboxMessages" ("Id", "Type", "Payload", "CreatedAt", "AvailableAt", "Attempts")
        VALUES (@id, @type, @payload, @at, @at, 0)
        """;

    private readonly WriterSql sql;
    private readonly DbCommand closeLot;
    private readonly DbParameter closeOutcome, closeAt, closeVersion, closeId;
    private readonly DbCommand insertPurchase;
    private readonly DbParameter purchaseId, purchaseLot, purchaseLead, purchaseBuyer, purchasePrice, purchaseAt;
    private readonly DbCommand settleBuyer;
    private readonly DbParameter settlePrice, settleReserved, settleId;
    private readonly DbCommand insertOutbox;
    private readonly DbParameter outboxId, outboxType, outboxPayload, outboxAt;

    public CloseLotSql(WriterSql sql)
    {
        this.sql = sql;
        closeLot = sql.Command(CloseLotText);
        closeOutcome = WriterSql.Parameter(closeLot, "outcome", DbType.String);
        closeAt = WriterSql.Parameter(closeLot, "at", DbType.Int64);
        closeVersion = WriterSql.Parameter(closeLot, "version", DbType.Int64);
        closeId = WriterSql.Parameter(closeLot, "id", sql.IdType);

        insertPurchase = sql.Command(InsertPurchaseText);
        purchaseId = WriterSql.Parameter(insertPurchase, "id", sql.IdType);
        purchaseLot = WriterSql.Parameter(insertPurchase, "lot", sql.IdType);
        purchaseLead = WriterSql.Parameter(insertPurchase, "lead", sql.IdType);
        purchaseBuyer = WriterSql.Parameter(insertPurchase, "buyer", DbType.String);
        purchasePrice = WriterSql.Parameter(insertPurchase, "price", DbType.Int64);
        purchaseAt = WriterSql.Parameter(insertPurchase, "at", DbType.Int64);

        settleBuyer = sql.Command(SettleBuyerText);
        settlePrice = WriterSql.Parameter(settleBuyer, "price", DbType.Int64);
        settleReserved = WriterSql.Parameter(settleBuyer, "reserved", DbType.Int64);
        settleId = WriterSql.Parameter(settleBuyer, "id", DbType.String);

        insertOutbox = sql.Command(InsertOutboxText);
        outboxId = WriterSql.Parameter(insertOutbox, "id", sql.IdType);
        outboxType = WriterSql.Parameter(insertOutbox, "type", DbType.String);
        outboxPayload = WriterSql.Parameter(insertOutbox, "payload", DbType.String);
        outboxAt = WriterSql.Parameter(insertOutbox, "at", DbType.Int64);
    }

    public async Task<bool> CloseLotAsync(Guid lotId, long expectedVersion, LotOutcome outcome, DateTimeOffset at, CancellationToken ct)
    {
        closeOutcome.Value = outcome.ToString();
        closeAt.Value = Db.Millis(at);
        closeVersion.Value = expectedVersion;
        closeId.Value = sql.Id(lotId);
        return await closeLot.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task InsertPurchaseAsync(Guid id, Guid lotId, Guid leadId, string buyerId, decimal price, DateTimeOffset at, CancellationToken ct)
    {
        purchaseId.Value = sql.Id(id);
        purchaseLot.Value = sql.Id(lotId);
        purchaseLead.Value = sql.Id(leadId);
        purchaseBuyer.Value = buyerId;
        purchasePrice.Value = Db.Cents(price);
        purchaseAt.Value = Db.Millis(at);
        await insertPurchase.ExecuteNonQueryAsync(ct);
    }

    public async Task SettleBuyerAsync(string buyerId, decimal price, decimal reserved, CancellationToken ct)
    {
        settlePrice.Value = Db.Cents(price);
        settleReserved.Value = Db.Cents(reserved);
        settleId.Value = buyerId;
        await settleBuyer.ExecuteNonQueryAsync(ct);
    }

    /// <summary>An outbox row, due at once; the outbox worker is woken for it after the commit.</summary>
    public async Task InsertOutboxMessageAsync(string type, string payload, DateTimeOffset at, CancellationToken ct)
    {
        outboxId.Value = sql.Id(Guid.CreateVersion7(at));
        outboxType.Value = type;
        outboxPayload.Value = payload;
        outboxAt.Value = Db.Millis(at);
        await insertOutbox.ExecuteNonQueryAsync(ct);
    }
}
