using System.Data;
using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The statements both steps share: reading a lot's and a buyer's state (for <see cref="AuctionCache"/>), and the
/// guarded write of a lot's auction state (a bid's, or a batch's deferred one before a close).
/// </summary>
internal sealed class AuctionStateSql
{
    private const string LoadLotSql =
        """
        SELECT "RoomId", "LeadId", "SaleMode", "Shares", "ReservePrice", "Increment", "AntiSnipingSeconds",
               "EndsAt", "Status", "Sequence", "Version", "StandingsJson"
        FROM "Lots" WHERE "Id" = @id
        """;

    private const string LoadBuyerSql = """SELECT "CreditLimit", "CreditUsed", "Exposure" FROM "BuyerAccounts" WHERE "UserId" = @id""";

    /// <summary>
    /// The conditional write that decides bids: it lands only on the version they were decided on. One write may
    /// carry several decisions of one batch; <c>@next</c> then grows by one per decision.
    /// </summary>
    private const string UpdateLotSql =
        """
        UPDATE "Lots" SET "Sequence" = @seq, "Version" = @next, "EndsAt" = @ends, "CurrentPrice" = @price,
                          "LeadingCount" = @leading, "StandingsJson" = @standings
        WHERE "Id" = @id AND "Version" = @version AND "Status" = 'Open'
        """;

    private readonly WriterSql sql;
    private readonly DbCommand loadLot;
    private readonly DbParameter loadLotId;
    private readonly DbCommand loadBuyer;
    private readonly DbParameter loadBuyerId;
    private readonly DbCommand updateLot;
    private readonly DbParameter updateSequence, updateNext, updateVersion, updateEnds, updatePrice, updateLeading, updateStandings, updateId;

    public AuctionStateSql(WriterSql sql)
    {
        this.sql = sql;
        loadLot = sql.Command(LoadLotSql);
        loadLotId = WriterSql.Parameter(loadLot, "id", sql.IdType);

        loadBuyer = sql.Command(LoadBuyerSql);
        loadBuyerId = WriterSql.Parameter(loadBuyer, "id", DbType.String);

        updateLot = sql.Command(UpdateLotSql);
        updateSequence = WriterSql.Parameter(updateLot, "seq", DbType.Int64);
        updateNext = WriterSql.Parameter(updateLot, "next", DbType.Int64);
        updateVersion = WriterSql.Parameter(updateLot, "version", DbType.Int64);
        updateEnds = WriterSql.Parameter(updateLot, "ends", DbType.Int64);
        updatePrice = WriterSql.Parameter(updateLot, "price", DbType.Int64);
        updateLeading = WriterSql.Parameter(updateLot, "leading", DbType.Int32);
        updateStandings = WriterSql.Parameter(updateLot, "standings", DbType.String);
        updateId = WriterSql.Parameter(updateLot, "id", sql.IdType);
    }

    public async Task<CachedLot?> LoadLotAsync(Guid lotId, CancellationToken ct)
    {
        loadLotId.Value = sql.Id(lotId);
        await using var reader = await loadLot.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var mode = Enum.Parse<SaleMode>(reader.GetString(2));
        var terms = new AuctionTerms(mode, reader.GetInt32(3), Db.Money(reader.GetInt64(4)), Db.Money(reader.GetInt64(5)), TimeSpan.FromSeconds(reader.GetInt32(6)));
        var state = new LotState
        {
            LotId = lotId,
            Terms = terms,
            EndsAt = Db.Time(reader.GetInt64(7)),
            Status = Enum.Parse<LotStatus>(reader.GetString(8)),
            Sequence = reader.GetInt64(9),
            Standings = [.. StandingsCodec.Read(reader.GetString(11))],
        };
        return new CachedLot(lotId, WriterSql.ReadGuid(reader, 0), WriterSql.ReadGuid(reader, 1), state, reader.GetInt64(10));
    }

    public async Task<CachedBuyer?> LoadBuyerAsync(string buyerId, CancellationToken ct)
    {
        loadBuyerId.Value = buyerId;
        await using var reader = await loadBuyer.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CachedBuyer(Db.Money(reader.GetInt64(0)), Db.Money(reader.GetInt64(1)), Db.Money(reader.GetInt64(2)))
            : null;
    }

    /// <summary>The guarded write of a lot's auction state; false when the lot moved on from <paramref name="expectedVersion"/> or closed.</summary>
    public async Task<bool> UpdateLotAsync(Guid lotId, long expectedVersion, long newVersion, LotState after, CancellationToken ct)
    {
        updateSequence.Value = after.Sequence;
        updateNext.Value = newVersion;
        updateVersion.Value = expectedVersion;
        updateEnds.Value = Db.Millis(after.EndsAt);
        updatePrice.Value = after.HighestBid is { } price ? Db.Cents(price) : DBNull.Value;
        updateLeading.Value = after.Leaders.Count;
        updateStandings.Value = StandingsCodec.Write(after.Standings);
        updateId.Value = sql.Id(lotId);
        return await updateLot.ExecuteNonQueryAsync(ct) == 1;
    }
}
