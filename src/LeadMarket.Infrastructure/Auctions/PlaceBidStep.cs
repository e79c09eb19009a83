using System.Data;
using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Decides one bid inside the writer's transaction: a repeated client bid id gets the first answer again, the
/// auction rules decide on the lot's (cached or fresh) state, credit is held with the guarded exposure write, and
/// the lot is written with the guard of the version the decision read (at once for a lone bid, once at the end of
/// the batch otherwise; see <see cref="AuctionUnit.PendingLotWrites"/>). A guard that fails means another thread
/// or node wrote first: the bid is decided again on fresh state.
/// </summary>
internal sealed partial class PlaceBidStep(AuctionCache cache, AuctionStateSql state, PlaceBidSql sql, TimeProvider time, ILogger logger)
{
    private const int MaxAttempts = 4;

    public async Task<PlaceBidResult> RunAsync(AuctionUnit unit, PlaceBidCommand command, CancellationToken ct)
    {
        var key = command.ClientBidId is null ? null : new ClientBidKey(command.BuyerId, command.ClientBidId);
        if (key is not null)
        {
            var earlierLot = unit.ClientBidIds.TryGetValue(key, out var inBatch) ? inBatch
                : cache.TryGetClientBid(key, out var remembered) ? remembered
                : await sql.FindClientBidAsync(key, ct);
            if (earlierLot is { } lotOfEarlier)
            {
                var lotNow = await cache.GetLotAsync(unit, lotOfEarlier, fresh: false, ct);
                return lotNow is null
                    ? PlaceBidResult.Rejected(command.LotId, BidRejection.BidIdReused())
                    : Answer(lotNow.State, command.BuyerId, accepted: true) with { Repeated = true };
            }
        }

        var freshLot = false;
        var freshBuyer = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var lot = await cache.GetLotAsync(unit, command.LotId, freshLot, ct);
            if (lot is null || lot.State.Status == LotStatus.Scheduled)
            {
                // A scheduled lot is not in its room yet: to a buyer it does not exist. The cache holds open lots
                // only, so it was read from its row just now, and the first bid after its opening finds it open.
                return PlaceBidResult.Rejected(command.LotId, BidRejection.NoSuchLot());
            }

            var buyer = await cache.GetBuyerAsync(unit, command.BuyerId, freshBuyer, ct);
            if (buyer is null)
            {
                return PlaceBidResult.Rejected(command.LotId, BidRejection.NoCreditLine());
            }

            var decision = Auction.Decide(lot.State, new BidAttempt(command.BuyerId, command.Amount, command.MaxAmount), buyer.Available, now);
            if (decision is BidDecision.Rejected rejected)
            {
                if (rejected.Reason.Code == BidRejectionCode.OverCredit && !freshBuyer)
                {
                    // The cached credit may be old (an admin raised the limit on another node): confirm first.
                    freshBuyer = true;
                    continue;
                }

                if (rejected.Reason.Code is BidRejectionCode.AlreadyLeading or BidRejectionCode.LotClosed && !freshLot && !unit.Lots.ContainsKey(lot.Id))
                {
                    // Decided on cached state, which another node may have moved on (an extension, an outbid):
                    // confirm before turning a buyer away. "Too low" needs no check: minimum bids only rise.
                    freshLot = true;
                    continue;
                }

                return Answer(lot.State, command.BuyerId, accepted: false) with { Rejection = rejected.Reason, Accepted = false };
            }

            var accepted = (BidDecision.Accepted)decision;
            var bidderDelta = 0m;
            foreach (var change in accepted.ExposureChanges)
            {
                bidderDelta += change.BuyerId == command.BuyerId ? change.Delta : 0m;
            }

            if (bidderDelta > 0 && !await sql.ReserveExposureAsync(command.BuyerId, bidderDelta, ct))
            {
                freshBuyer = true;
                continue;
            }

            if (unit.DeferLotWrites)
            {
                // Written once at the end of the batch, guarded by what its first decision on the lot read.
                unit.PendingLotWrites.TryAdd(lot.Id, lot.Version);
            }
            else if (!await state.UpdateLotAsync(lot.Id, lot.Version, lot.Version + 1, accepted.After, ct))
            {
                if (bidderDelta > 0)
                {
                    await sql.ChangeExposureAsync(command.BuyerId, -bidderDelta, ct);
                }

                freshLot = true;
                continue;
            }

            foreach (var change in accepted.ExposureChanges)
            {
                if (change.BuyerId != command.BuyerId || change.Delta < 0)
                {
                    await sql.ChangeExposureAsync(change.BuyerId, change.Delta, ct);
                }
            }

            foreach (var change in accepted.ExposureChanges)
            {
                var affected = change.BuyerId == command.BuyerId ? buyer : await cache.GetBuyerAsync(unit, change.BuyerId, fresh: false, ct);
                if (affected is not null)
                {
                    unit.Buyers[change.BuyerId] = affected with { Exposure = affected.Exposure + change.Delta };
                }
            }

            foreach (var placed in accepted.Bids)
            {
                var ownBid = !placed.IsProxy && placed.BuyerId == command.BuyerId;
                await sql.InsertBidAsync(lot.Id, placed, ownBid ? command.ClientBidId : null, now, ct);
            }

            var updated = lot with { State = accepted.After, Version = lot.Version + 1 };
            unit.Lots[lot.Id] = updated;
            if (key is not null)
            {
                unit.ClientBidIds[key] = lot.Id;
            }

            AddEvents(unit, updated, accepted, now);
            return Answer(accepted.After, command.BuyerId, accepted: true);
        }

        LogContended(command.LotId);
        return PlaceBidResult.Rejected(command.LotId, BidRejection.LotBusy());
    }

    private static void AddEvents(AuctionUnit unit, CachedLot lot, BidDecision.Accepted accepted, DateTimeOffset now)
    {
        var after = accepted.After;
        var leaders = after.Leaders;
        var leaderIds = new string[leaders.Count];
        for (var i = 0; i < leaderIds.Length; i++)
        {
            leaderIds[i] = leaders[i].BuyerId;
        }

        foreach (var placed in accepted.Bids)
        {
            unit.Events.Add(new BidAcceptedEvent(
                lot.RoomId, lot.Id, placed.Sequence, placed.Amount, placed.BuyerId, BidderAlias.For(lot.Id, placed.BuyerId),
                placed.IsProxy, after.EndsAt, after.MinimumBid, after.SharesLeft, leaderIds, now));
        }

        if (accepted.Extended)
        {
            unit.Events.Add(new LotExtendedEvent(lot.RoomId, lot.Id, after.EndsAt));
        }
    }

    private static PlaceBidResult Answer(LotState lot, string buyerId, bool accepted) =>
        new(accepted, null, lot.LotId, lot.HighestBid, lot.MinimumBid, lot.IsLeading(buyerId), lot.EndsAt, lot.Sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lot {LotId} stayed contended after several attempts")]
    private partial void LogContended(Guid lotId);
}

/// <summary>The statements of <see cref="PlaceBidStep"/>: the client bid id look-up, the credit guard, exposure and bid rows.</summary>
internal sealed class PlaceBidSql
{
    private const string FindClientBidSql = """SELECT "LotId" FROM "Bids" WHERE "BuyerId" = @buyer AND "ClientBidId" = @client""";

    /// <summary>
    /// Holds back credit for a leading bid, only if the buyer still has it (the credit guard): the database's form of
    /// <see cref="LeadMarket.Domain.Accounts.CreditLine.CanHold"/>, so two nodes cannot both spend the same credit.
    /// </summary>
    private const string ReserveSql =
        """
        UPDATE "BuyerAccounts" SET "Exposure" = "Exposure" + @amount
        WHERE "UserId" = @id AND "Exposure" + @amount <= "CreditLimit" - "CreditUsed"
        """;

    private const string ExposureSql = """UPDATE "BuyerAccounts" SET "Exposure" = "Exposure" + @delta WHERE "UserId" = @id""";

    private const string InsertBidSql =
        """
        INSERT INTO "Bids" ("LotId", "Sequence", "BuyerId", "Amount", "IsProxy", "ClientBidId", "PlacedAt")
        VALUES (@lot, @seq, @buyer, @amount, @proxy, @client, @at)
        """;

    private readonly WriterSql sql;
    private readonly DbCommand findClientBid;
    private readonly DbParameter findBuyer, findClient;
    private readonly DbCommand reserve;
    private readonly DbParameter reserveAmount, reserveId;
    private readonly DbCommand exposure;
    private readonly DbParameter exposureDelta, exposureId;
    private readonly DbCommand insertBid;
    private readonly DbParameter bidLot, bidSequence, bidBuyer, bidAmount, bidProxy, bidClient, bidAt;

    public PlaceBidSql(WriterSql sql)
    {
        this.sql = sql;
        findClientBid = sql.Command(FindClientBidSql);
        findBuyer = WriterSql.Parameter(findClientBid, "buyer", DbType.String);
        findClient = WriterSql.Parameter(findClientBid, "client", DbType.String);

        reserve = sql.Command(ReserveSql);
        reserveAmount = WriterSql.Parameter(reserve, "amount", DbType.Int64);
        reserveId = WriterSql.Parameter(reserve, "id", DbType.String);

        exposure = sql.Command(ExposureSql);
        exposureDelta = WriterSql.Parameter(exposure, "delta", DbType.Int64);
        exposureId = WriterSql.Parameter(exposure, "id", DbType.String);

        insertBid = sql.Command(InsertBidSql);
        bidLot = WriterSql.Parameter(insertBid, "lot", sql.IdType);
        bidSequence = WriterSql.Parameter(insertBid, "seq", DbType.Int64);
        bidBuyer = WriterSql.Parameter(insertBid, "buyer", DbType.String);
        bidAmount = WriterSql.Parameter(insertBid, "amount", DbType.Int64);
        bidProxy = WriterSql.Parameter(insertBid, "proxy", DbType.Boolean);
        bidClient = WriterSql.Parameter(insertBid, "client", DbType.String);
        bidAt = WriterSql.Parameter(insertBid, "at", DbType.Int64);
    }

    public async Task<Guid?> FindClientBidAsync(ClientBidKey key, CancellationToken ct)
    {
        findBuyer.Value = key.BuyerId;
        findClient.Value = key.ClientBidId;
        await using var reader = await findClientBid.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? WriterSql.ReadGuid(reader, 0) : null;
    }

    public async Task<bool> ReserveExposureAsync(string buyerId, decimal amount, CancellationToken ct)
    {
        reserveAmount.Value = Db.Cents(amount);
        reserveId.Value = buyerId;
        return await reserve.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task ChangeExposureAsync(string buyerId, decimal delta, CancellationToken ct)
    {
        exposureDelta.Value = Db.Cents(delta);
        exposureId.Value = buyerId;
        await exposure.ExecuteNonQueryAsync(ct);
    }

    public async Task InsertBidAsync(Guid lotId, PlacedBid bid, string? clientBidId, DateTimeOffset at, CancellationToken ct)
    {
        bidLot.Value = sql.Id(lotId);
        bidSequence.Value = bid.Sequence;
        bidBuyer.Value = bid.BuyerId;
        bidAmount.Value = Db.Cents(bid.Amount);
        bidProxy.Value = bid.IsProxy;
        bidClient.Value = (object?)clientBidId ?? DBNull.Value;
        bidAt.Value = Db.Millis(at);
        await insertBid.ExecuteNonQueryAsync(ct);
    }
}
