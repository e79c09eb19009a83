using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace LeadMarket.Benchmarks;

/// <summary>
/// What SQLite itself does with the app's settings (WAL, synchronous=FULL): one row per autocommit transaction
/// into a table shaped and indexed like Bids, in a temp file on the same disk as the app's database. One instance is
/// used by one caller at a time (the bare hub's durable echo takes a lock).
/// </summary>
public sealed class SqliteBaseline : IDisposable
{
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("leadmarket-bench-sqlite-");
    private readonly SqliteConnection connection;
    private readonly SqliteCommand insert;
    private readonly string lotId = Guid.NewGuid().ToString().ToUpperInvariant();
    private readonly string buyerId = Guid.NewGuid().ToString();
    private readonly Lock gate = new();
    private int next;

    private SqliteBaseline()
    {
        connection = new SqliteConnection($"Data Source={Path.Combine(directory.FullName, "baseline.db")};Pooling=False");
        connection.Open();
        Execute("PRAGMA journal_mode=WAL;");
        Execute("PRAGMA synchronous=FULL;");
        Execute("""
            CREATE TABLE "Bids" ("Id" INTEGER PRIMARY KEY AUTOINCREMENT, "LotId" TEXT NOT NULL, "Sequence" INTEGER NOT NULL, "BuyerId" TEXT NOT NULL,
                                 "Amount" INTEGER NOT NULL, "IsProxy" INTEGER NOT NULL, "ClientBidId" TEXT NULL, "PlacedAt" INTEGER NOT NULL);
            CREATE UNIQUE INDEX "IX_Bids_LotId_Sequence" ON "Bids" ("LotId", "Sequence");
            CREATE UNIQUE INDEX "IX_Bids_BuyerId_ClientBidId" ON "Bids" ("BuyerId", "ClientBidId");
            """);
        insert = connection.CreateCommand();
        insert.CommandText = """INSERT INTO "Bids" ("LotId", "Sequence", "BuyerId", "Amount", "IsProxy", "ClientBidId", "PlacedAt") VALUES (@lot, @seq, @buyer, @amount, 0, @client, @at)""";
        insert.Parameters.Add("@lot", SqliteType.Text);
        insert.Parameters.Add("@seq", SqliteType.Integer);
        insert.Parameters.Add("@buyer", SqliteType.Text);
        insert.Parameters.Add("@amount", SqliteType.Integer);
        insert.Parameters.Add("@client", SqliteType.Text);
        insert.Parameters.Add("@at", SqliteType.Integer);
        insert.Prepare();
    }

    public static SqliteBaseline Open() => new();

    /// <summary>One single-row autocommit insert, durable when this returns.</summary>
    public void Commit()
    {
        lock (gate)
        {
            InsertOne();
        }
    }

    /// <summary>Single-row autocommit inserts per second, one after the other, over <paramref name="duration"/>.</summary>
    public static double InsertsPerSecond(TimeSpan warmup, TimeSpan duration)
    {
        using var baseline = new SqliteBaseline();
        var clock = Stopwatch.StartNew();
        var measureFrom = warmup.TotalSeconds;
        var end = measureFrom + duration.TotalSeconds;
        var counted = 0;
        while (true)
        {
            baseline.InsertOne();
            var now = clock.Elapsed.TotalSeconds;
            if (now >= end)
            {
                break;
            }

            if (now >= measureFrom)
            {
                counted++;
            }
        }

        return counted / duration.TotalSeconds;
    }

    /// <summary>Latency of single-row autocommit inserts (each one durable before the next): the floor of a durable answer.</summary>
    public static (double P50, double P99) InsertLatency(int warmup, int count)
    {
        using var baseline = new SqliteBaseline();
        var samples = new List<double>(count);
        for (var i = 0; i < warmup + count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            baseline.InsertOne();
            if (i >= warmup)
            {
                samples.Add(Stats.MillisecondsSince(start, Stopwatch.GetTimestamp()));
            }
        }

        return (Stats.Percentile(samples, 50), Stats.Percentile(samples, 99));
    }

    private void InsertOne()
    {
        next++;
        insert.Parameters[0].Value = lotId;
        insert.Parameters[1].Value = next;
        insert.Parameters[2].Value = buyerId;
        insert.Parameters[3].Value = 1000 + next;
        insert.Parameters[4].Value = "b" + next;
        insert.Parameters[5].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        insert.ExecuteNonQuery();
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        insert.Dispose();
        connection.Dispose();
        SqliteConnection.ClearAllPools();
        directory.Delete(recursive: true);
    }
}
