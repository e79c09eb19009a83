using System.Data;
using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The bid writer's statements: prepared once on the writer's own connection and re-bound per use. The SQL is
/// the same on SQLite and PostgreSQL (quoted names, integer money and time); only ids bind differently.
/// </summary>
internal sealed class WriterSql(DbConnection connection, bool sqlite)
{
    private DbTransaction? transaction;
    private readonly Dictionary<string, DbCommand> commands = [];

    /// <summary>
    /// Log pages after which the writer checkpoints SQLite's log itself, at the next quiet moment (SQLite's own
    /// default threshold; see <see cref="Checkpoint"/>).
    /// </summary>
    public const int CheckpointPages = 1_000;

    /// <summary>
    /// SQLite's automatic checkpoint, inside the commit that pushes the log past it, stays on as a backstop for a
    /// market with no quiet moment: the log then stops growing at about this many pages (40 MB at 4 KB pages).
    /// </summary>
    public const int BackstopCheckpointPages = 10_000;

    public async Task PrepareConnectionAsync(CancellationToken ct)
    {
        if (sqlite)
        {
            // WAL lets pages read while the writer commits; FULL makes every commit durable before its answer.
            await ExecuteAsync("PRAGMA journal_mode=WAL;", ct);
            await ExecuteAsync("PRAGMA synchronous=FULL;", ct);
            await ExecuteAsync("PRAGMA busy_timeout=10000;", ct);
            await ExecuteAsync($"PRAGMA wal_autocheckpoint={BackstopCheckpointPages};", ct);
        }
    }

    /// <summary>True when the writer has logged at least <see cref="CheckpointPages"/> pages since its last checkpoint (SQLite only).</summary>
    public bool CheckpointDue => OpenSqliteHandle is { } handle && LoggedPages(handle, reset: false) >= CheckpointPages;

    /// <summary>
    /// Checkpoints SQLite's log (copies its pages into the database file). The writer calls it when it is due and
    /// no work came for a moment: left to SQLite, the checkpoint runs inside the commit that crosses the threshold,
    /// and that commit's bids wait for it (two more fsyncs and the page copies, about one bid in every 170 for a
    /// lone bidder). PASSIVE: it never waits for the room pages' readers; what they still hold is copied next time.
    /// A failed checkpoint loses nothing (the log keeps every page) and returns false with SQLite's result code.
    /// </summary>
    public bool Checkpoint(out int resultCode)
    {
        resultCode = raw.SQLITE_OK;
        if (OpenSqliteHandle is not { } handle)
        {
            return true;
        }

        LoggedPages(handle, reset: true);
        resultCode = raw.sqlite3_wal_checkpoint_v2(handle, "main", raw.SQLITE_CHECKPOINT_PASSIVE, out _, out _);

        // Busy: another connection is checkpointing right now, which does the same work.
        return resultCode is raw.SQLITE_OK or raw.SQLITE_BUSY;
    }

    /// <summary>The native handle of the writer's SQLite connection while it is open; null on PostgreSQL.</summary>
    private sqlite3? OpenSqliteHandle => sqlite && connection is SqliteConnection { Handle: { } handle } ? handle : null;

    /// <summary>Pages this connection wrote to the log since the counter was last reset (SQLITE_DBSTATUS_CACHE_WRITE).</summary>
    private static int LoggedPages(sqlite3 handle, bool reset)
    {
        raw.sqlite3_db_status(handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, reset ? 1 : 0);
        return written;
    }

    /// <summary>
    /// Starts the writer's transaction. On SQLite it is the writer's own prepared <c>BEGIN IMMEDIATE</c> (what
    /// <c>BeginTransaction</c> sends, without a new command and a fresh statement for every batch; see decision 005).
    /// </summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (sqlite)
        {
            await Command("begin", "BEGIN IMMEDIATE").ExecuteNonQueryAsync(ct);
            return;
        }

        transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        foreach (var command in commands.Values)
        {
            command.Transaction = transaction;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (sqlite)
        {
            await Command("commit", "COMMIT").ExecuteNonQueryAsync(ct);
            return;
        }

        await using var done = transaction ?? throw new InvalidOperationException("No transaction to commit.");
        transaction = null;
        await done.CommitAsync(ct);
    }

    /// <summary>Rolls the transaction back if one is open (SQLite ends it by itself on some errors, such as a full disk).</summary>
    public async Task RollbackAsync()
    {
        if (sqlite)
        {
            if (OpenSqliteHandle is { } handle && raw.sqlite3_get_autocommit(handle) == 0)
            {
                await Command("rollback", "ROLLBACK").ExecuteNonQueryAsync(CancellationToken.None);
            }

            return;
        }

        if (transaction is { } open)
        {
            transaction = null;
            await using (open)
            {
                await open.RollbackAsync(CancellationToken.None);
            }
        }
    }

    public async Task<CachedLot?> LoadLotAsync(Guid lotId, CancellationToken ct)
    {
        var cmd = Command("load-lot",
            """
            SELECT "RoomId", "LeadId", "SaleMode", "Shares", "ReservePrice", "Increment", "AntiSnipingSeconds",
                   "EndsAt", "Status", "Sequence", "Version", "StandingsJson"
            FROM "Lots" WHERE "Id" = @id
            """, "id");
        Bind(cmd, Id(lotId));
        await using var reader = await cmd.ExecuteReaderAsync(ct);
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
        return new CachedLot(lotId, ReadGuid(reader, 0), ReadGuid(reader, 1), state, reader.GetInt64(10));
    }

    public async Task<CachedBuyer?> LoadBuyerAsync(string buyerId, CancellationToken ct)
    {
        var cmd = Command("load-buyer", """SELECT "CreditLimit", "CreditUsed", "Exposure" FROM "BuyerAccounts" WHERE "UserId" = @id""", "id");
        Bind(cmd, buyerId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new CachedBuyer(Db.Money(reader.GetInt64(0)), Db.Money(reader.GetInt64(1)), Db.Money(reader.GetInt64(2)))
            : null;
    }

    public async Task<Guid?> FindClientBidAsync(ClientBidKey key, CancellationToken ct)
    {
        var cmd = Command("find-client-bid", """SELECT "LotId" FROM "Bids" WHERE "BuyerId" = @buyer AND "ClientBidId" = @client""", "buyer", "client");
        Bind(cmd, key.BuyerId, key.ClientBidId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadGuid(reader, 0) : null;
    }

    /// <summary>
    /// The conditional write that decides bids: it lands only on the version they were decided on. One write may
    /// carry several decisions of one batch; <paramref name="newVersion"/> then grows by one per decision.
    /// </summary>
    public async Task<bool> UpdateLotAsync(Guid lotId, long expectedVersion, long newVersion, LotState after, CancellationToken ct)
    {
        var cmd = Command("update-lot",
            """
            UPDATE "Lots" SET "Sequence" = @seq, "Version" = @next, "EndsAt" = @ends, "CurrentPrice" = @price,
                              "LeadingCount" = @leading, "StandingsJson" = @standings
            WHERE "Id" = @id AND "Version" = @version AND "Status" = 'Open'
            """, "seq", "next", "version", "ends", "price", "leading", "standings", "id");
        var price = after.HighestBid is { } p ? (object)Db.Cents(p) : DBNull.Value;
        Bind(cmd, after.Sequence, newVersion, expectedVersion, Db.Millis(after.EndsAt), price, after.Leaders.Count,
            StandingsCodec.Write(after.Standings), Id(lotId));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Holds back credit for a leading bid, only if the buyer still has it (the credit guard).</summary>
    public async Task<bool> ReserveExposureAsync(string buyerId, decimal amount, CancellationToken ct)
    {
        var cmd = Command("reserve",
            """
            UPDATE "BuyerAccounts" SET "Exposure" = "Exposure" + @amount
            WHERE "UserId" = @id AND "Exposure" + @amount <= "CreditLimit" - "CreditUsed"
            """, "amount", "id");
        Bind(cmd, Db.Cents(amount), buyerId);
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task ChangeExposureAsync(string buyerId, decimal delta, CancellationToken ct)
    {
        var cmd = Command("exposure", """UPDATE "BuyerAccounts" SET "Exposure" = "Exposure" + @delta WHERE "UserId" = @id""", "delta", "id");
        Bind(cmd, Db.Cents(delta), buyerId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task InsertBidAsync(Guid lotId, PlacedBid bid, string? clientBidId, DateTimeOffset at, CancellationToken ct)
    {
        var cmd = Command("insert-bid",
            """
            INSERT INTO "Bids" ("LotId", "Sequence", "BuyerId", "Amount", "IsProxy", "ClientBidId", "PlacedAt")
            VALUES (@lot, @seq, @buyer, @amount, @proxy, @client, @at)
            """, "lot", "seq", "buyer", "amount", "proxy", "client", "at");
        Bind(cmd, Id(lotId), bid.Sequence, bid.BuyerId, Db.Cents(bid.Amount), bid.IsProxy, (object?)clientBidId ?? DBNull.Value, Db.Millis(at));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The conditional write that closes a lot: exactly once, whoever tries.</summary>
    public async Task<bool> CloseLotAsync(Guid lotId, long expectedVersion, LotOutcome outcome, DateTimeOffset at, CancellationToken ct)
    {
        var cmd = Command("close-lot",
            """
            UPDATE "Lots" SET "Status" = 'Closed', "Outcome" = @outcome, "ClosedAt" = @at, "Version" = @version + 1
            WHERE "Id" = @id AND "Version" = @version AND "Status" = 'Open'
            """, "outcome", "at", "version", "id");
        Bind(cmd, outcome.ToString(), Db.Millis(at), expectedVersion, Id(lotId));
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task InsertPurchaseAsync(Guid lotId, Guid leadId, string buyerId, decimal price, DateTimeOffset at, CancellationToken ct)
    {
        var cmd = Command("insert-purchase",
            """
            INSERT INTO "Purchases" ("Id", "LotId", "LeadId", "BuyerId", "Price", "PurchasedAt")
            VALUES (@id, @lot, @lead, @buyer, @price, @at)
            """, "id", "lot", "lead", "buyer", "price", "at");
        Bind(cmd, Id(Guid.NewGuid()), Id(lotId), Id(leadId), buyerId, Db.Cents(price), Db.Millis(at));
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A won share becomes used credit; what its maximum held back beyond the price is released.</summary>
    public async Task SettleBuyerAsync(string buyerId, decimal price, decimal reserved, CancellationToken ct)
    {
        var cmd = Command("settle-buyer",
            """UPDATE "BuyerAccounts" SET "CreditUsed" = "CreditUsed" + @price, "Exposure" = "Exposure" - @reserved WHERE "UserId" = @id""",
            "price", "reserved", "id");
        Bind(cmd, Db.Cents(price), Db.Cents(reserved), buyerId);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    // EF stores Guids as upper-case text on SQLite and as uuid on PostgreSQL.
    private object Id(Guid id) => sqlite ? UpperCaseText(id) : id;

    private static string UpperCaseText(Guid id) => string.Create(36, id, static (chars, guid) =>
    {
        guid.TryFormat(chars, out _);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }
    });

    private static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    private DbCommand Command(string name, string text, params string[] parameters)
    {
        if (commands.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        cmd.Transaction = transaction;
        foreach (var parameter in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = "@" + parameter;
            cmd.Parameters.Add(p);
        }

        commands[name] = cmd;
        return cmd;
    }

    private static void Bind(DbCommand cmd, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            cmd.Parameters[i].Value = values[i];
        }
    }

    private async Task ExecuteAsync(string text, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
