using LeadMarket.Infrastructure.Auctions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>The bid writer's commits leave checkpoints to a thread of their own (WalCheckpoints); on a real SQLite file.</summary>
public sealed class WalCheckpointsTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("leadmarket-wal-");

    [Fact]
    public async Task Pages_committed_without_automatic_checkpoints_reach_the_database_file_from_the_background()
    {
        var file = Path.Combine(folder.FullName, "market.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        using var writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA wal_autocheckpoint=0; CREATE TABLE bids (data BLOB);");
        Execute(writer, "PRAGMA wal_checkpoint(TRUNCATE);");
        var before = new FileInfo(file).Length;

        // 300 commits of 1 KB each: more than the 1,000-page default would have let through without a checkpoint in
        // some commit; with automatic checkpoints off, all of it stays in the log.
        for (var i = 0; i < 300; i++)
        {
            Execute(writer, "INSERT INTO bids VALUES (randomblob(1000));");
        }

        Assert.Equal(before, new FileInfo(file).Length);
        Assert.True(new FileInfo(file + "-wal").Length > 300_000);

        using var checkpoints = new WalCheckpoints(new SqliteConnection(connectionString), NullLogger.Instance);
        checkpoints.Committed();

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (new FileInfo(file).Length < before + 300_000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(new FileInfo(file).Length >= before + 300_000, $"the database file is {new FileInfo(file).Length} bytes, {before} before the commits");
        Assert.Equal(300L, Count(writer));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Count(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM bids;";
        return (long)command.ExecuteScalar()!;
    }
}
