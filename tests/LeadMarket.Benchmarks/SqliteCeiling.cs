using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Benchmarks;

/// <summary>
/// Figure 2's ceiling: how many accepted bids SQLite itself commits when nothing else is in the way. One writer on one
/// connection, on a copy of the app's database (its schema and indexes, its lots and buyers; WAL, synchronous=FULL and
/// the writer's checkpoint backstop): per bid it reads the lot, updates it guarded by its version, inserts the bid and
/// reserves the buyer's exposure, the statements an accepted bid writes; the bids of a group are committed together,
/// as the app's writer commits what is waiting (group commit). No SignalR, no decision logic, no queue.
/// </summary>
internal sealed class SqliteCeiling : IDisposable
{
    /// <summary>The app's writer leaves SQLite's own checkpoint on as a backstop at this many log pages.</summary>
    private const int BackstopCheckpointPages = 10_000;

    private readonly DirectoryInfo directory;
    private readonly SqliteConnection connection;
    private readonly SqliteCommand readLot;
    private readonly SqliteCommand updateLot;
    private readonly SqliteCommand insertBid;
    private readonly SqliteCommand reserve;
    private long next;

    private SqliteCeiling(DirectoryInfo directory, string file)
    {
        this.directory = directory;
        connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute($"PRAGMA wal_autocheckpoint={BackstopCheckpointPages};");
        readLot = Prepare("""SELECT "Sequence", "Version", "EndsAt", "StandingsJson" FROM "Lots" WHERE "Id" = @id""", "@id");
        updateLot = Prepare("""
            UPDATE "Lots" SET "Sequence" = @seq, "Version" = @next, "EndsAt" = @ends, "CurrentPrice" = @price, "LeadingCount" = 1, "StandingsJson" = @standings
            WHERE "Id" = @id AND "Version" = @version AND "Status" = 'Open'
            """, "@seq", "@next", "@ends", "@price", "@standings", "@id", "@version");
        insertBid = Prepare("""
            INSERT INTO "Bids" ("LotId", "Sequence", "BuyerId", "Amount", "IsProxy", "ClientBidId", "PlacedAt")
            VALUES (@lot, @seq, @buyer, @amount, 0, @client, @at)
            """, "@lot", "@seq", "@buyer", "@amount", "@client", "@at");
        reserve = Prepare("""
            UPDATE "BuyerAccounts" SET "Exposure" = "Exposure" + @amount
            WHERE "UserId" = @id AND "Exposure" + @amount <= "CreditLimit" - "CreditUsed"
            """, "@amount", "@id");
    }

    /// <summary>A copy of the app's database as it is now (<c>VACUUM INTO</c>, a consistent snapshot), in a temp folder.</summary>
    public static async Task<SqliteCeiling> CopyOfAsync(MarketHost market)
    {
        var directory = Directory.CreateTempSubdirectory("leadmarket-bench-ceiling-");
        var file = Path.Combine(directory.FullName, "ceiling.db");
        await using (var db = market.App.Db())
        {
            await db.Database.OpenConnectionAsync();
            await using var copy = db.Database.GetDbConnection().CreateCommand();
            copy.CommandText = "VACUUM INTO @file";
            copy.Parameters.Add(new SqliteParameter("@file", file));
            await copy.ExecuteNonQueryAsync();
        }

        return new SqliteCeiling(directory, file);
    }

    /// <summary>
    /// Accepted bids committed per second over <paramref name="duration"/>, <paramref name="group"/> to a transaction,
    /// buyer <c>i</c> of a group bidding on lot <c>i mod lots</c> as the figure's connections cycle through them.
    /// </summary>
    public double BidsPerSecond(Guid[] lots, string[] buyers, int group, TimeSpan warmup, TimeSpan duration)
    {
        var ids = lots.Select(l => l.ToString().ToUpperInvariant()).ToArray();
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup.TotalSeconds;
        var end = measureFrom + duration.TotalSeconds;
        var counted = 0;
        while (true)
        {
            using (var transaction = connection.BeginTransaction())
            {
                for (var i = 0; i < group; i++)
                {
                    Bid(transaction, ids[i % ids.Length], buyers[i % buyers.Length]);
                }

                transaction.Commit();
            }

            var now = clock.Elapsed.TotalSeconds;
            if (now >= end)
            {
                break;
            }

            if (now >= measureFrom)
            {
                counted += group;
            }
        }

        return counted / duration.TotalSeconds;
    }

    private void Bid(SqliteTransaction transaction, string lot, string buyer)
    {
        next++;
        long sequence, version, endsAt;
        string standings;
        readLot.Transaction = transaction;
        readLot.Parameters[0].Value = lot;
        using (var reader = readLot.ExecuteReader())
        {
            reader.Read();
            (sequence, version, endsAt, standings) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }

        var amount = 100_000 + next;
        Run(updateLot, transaction, sequence + 1, version + 1, endsAt, amount, standings, lot, version);
        Run(insertBid, transaction, lot, sequence + 1, buyer, amount, "ceiling-" + next, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        Run(reserve, transaction, 1L, buyer);
    }

    private static void Run(SqliteCommand command, SqliteTransaction transaction, params object[] values)
    {
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        if (command.ExecuteNonQuery() != 1)
        {
            throw new InvalidOperationException("A ceiling statement changed no row: " + command.CommandText.Split('\n')[0]);
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { readLot, updateLot, insertBid, reserve })
        {
            command.Dispose();
        }

        connection.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
