using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The group-commit writer's connection: its transaction, SQLite's checkpoint at quiet moments, and the statements
/// of the writer's steps (<see cref="PlaceBidSql"/>, <see cref="CloseLotSql"/>, <see cref="AuctionStateSql"/>).
/// <para>
/// A step's SQL class creates each of its commands once (<see cref="Command"/>), with its parameters made by name
/// and typed (<see cref="Parameter"/>), and keeps the parameter objects: a use sets their values, with no lookup,
/// no array and no boxing of the statement's shape. <see cref="PrepareConnectionAsync"/> then prepares every command
/// on the connection, at start and again after a reconnect (a prepared statement belongs to the server session, or
/// on SQLite to the native connection, that prepared it). The SQL is the same on SQLite and PostgreSQL (quoted
/// names, integer money and time); only ids bind differently (<see cref="IdType"/>, <see cref="Id"/>).
/// </para>
/// </summary>
internal sealed class WriterSql
{
    private readonly DbConnection connection;
    private readonly bool sqlite;
    private readonly List<DbCommand> commands = [];
    private readonly DbCommand? begin;
    private readonly DbCommand? commit;
    private readonly DbCommand? rollback;
    private DbTransaction? transaction;

    public WriterSql(DbConnection connection, bool sqlite)
    {
        this.connection = connection;
        this.sqlite = sqlite;
        if (sqlite)
        {
            // The writer's own BEGIN IMMEDIATE (what BeginTransaction sends), without a new command and a fresh
            // statement for every batch (decision 005).
            begin = Command("BEGIN IMMEDIATE");
            commit = Command("COMMIT");
            rollback = Command("ROLLBACK");
        }
    }

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

    /// <summary>How ids are typed: EF stores Guids as upper-case text on SQLite and as uuid on PostgreSQL.</summary>
    public DbType IdType => sqlite ? DbType.String : DbType.Guid;

    /// <summary>Sets up a newly opened connection (at start and after a reconnect) and prepares every command on it.</summary>
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

        transaction = null;
        foreach (var command in commands)
        {
            command.Transaction = null;
            await command.PrepareAsync(ct);
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

    /// <summary>Starts the writer's transaction (on SQLite its own prepared <c>BEGIN IMMEDIATE</c>).</summary>
    public async Task BeginAsync(CancellationToken ct)
    {
        if (begin is not null)
        {
            await begin.ExecuteNonQueryAsync(ct);
            return;
        }

        transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        foreach (var command in commands)
        {
            command.Transaction = transaction;
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        if (commit is not null)
        {
            await commit.ExecuteNonQueryAsync(ct);
            return;
        }

        await using var done = transaction ?? throw new InvalidOperationException("No transaction to commit.");
        transaction = null;
        await done.CommitAsync(ct);
    }

    /// <summary>Rolls the transaction back if one is open (SQLite ends it by itself on some errors, such as a full disk).</summary>
    public async Task RollbackAsync()
    {
        if (rollback is not null)
        {
            if (OpenSqliteHandle is { } handle && raw.sqlite3_get_autocommit(handle) == 0)
            {
                await rollback.ExecuteNonQueryAsync(CancellationToken.None);
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

    /// <summary>
    /// A command of the writer, made once and prepared with the others by <see cref="PrepareConnectionAsync"/>.
    /// Add its parameters with <see cref="Parameter"/> before the connection is prepared.
    /// </summary>
    public DbCommand Command(string text)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        commands.Add(cmd);
        return cmd;
    }

    /// <summary>
    /// A named, typed parameter of <paramref name="cmd"/> (<c>@name</c> in its text). The type is what lets
    /// PostgreSQL prepare the statement before any value is bound.
    /// </summary>
    public static DbParameter Parameter(DbCommand cmd, string name, DbType type)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = "@" + name;
        p.DbType = type;
        cmd.Parameters.Add(p);
        return p;
    }

    /// <summary>An id as its parameter takes it (see <see cref="IdType"/>).</summary>
    public object Id(Guid id) => sqlite ? UpperCaseText(id) : id;

    public static Guid ReadGuid(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    private static string UpperCaseText(Guid id) => string.Create(36, id, static (chars, guid) =>
    {
        guid.TryFormat(chars, out _);
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }
    });

    private async Task ExecuteAsync(string text, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = text;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
