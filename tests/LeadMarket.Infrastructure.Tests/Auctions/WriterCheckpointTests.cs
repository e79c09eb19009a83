using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>
/// SQLite's log is copied into the database file by the writer between batches, not inside a commit that bids wait
/// for. SQLite writes the main file only when it checkpoints (in WAL mode commits go to the log), so the main file's
/// length shows whether a checkpoint ran.
/// </summary>
public sealed class WriterCheckpointTests : IDisposable
{
    private readonly string folder = MarketApplication.NewDataDirectory();

    [Fact]
    public async Task The_writers_connection_leaves_checkpoints_to_the_writer_until_the_backstop()
    {
        var path = Path.Combine(folder, "log.db");
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        var sql = new WriterSql(connection, sqlite: true);
        await sql.PrepareConnectionAsync(CancellationToken.None);
        await ExecuteAsync(connection, """CREATE TABLE "Pages" ("Body" BLOB NOT NULL)""");
        Assert.True(sql.Checkpoint(out _)); // the table's creation is not what is measured
        var atStart = new FileInfo(path).Length;

        // Half of the threshold: nothing is due, the database file is untouched.
        await WritePagesAsync(connection, WriterSql.CheckpointPages / 2);
        Assert.False(sql.CheckpointDue);
        Assert.Equal(atStart, new FileInfo(path).Length);

        // Past the threshold (and past SQLite's own default of 1,000 pages): the commits did not checkpoint, the
        // writer's call does, and the main file then holds the pages.
        await WritePagesAsync(connection, WriterSql.CheckpointPages * 3 / 4);
        Assert.Equal(atStart, new FileInfo(path).Length);
        Assert.True(sql.CheckpointDue);
        Assert.True(sql.Checkpoint(out var resultCode), $"SQLite result code {resultCode}");
        Assert.True(new FileInfo(path).Length >= atStart + (WriterSql.CheckpointPages * 4096L), "the database file did not grow by the checkpointed pages");

        // Counted afresh from there.
        var afterCheckpoint = new FileInfo(path).Length;
        await WritePagesAsync(connection, 10);
        Assert.False(sql.CheckpointDue);
        Assert.Equal(afterCheckpoint, new FileInfo(path).Length);
    }

    [Fact]
    public async Task Lone_bids_get_the_log_checkpointed_by_the_writer_between_them()
    {
        await using var app = new MarketApplication(folder);
        var services = app.Services;
        var buyers = new[] { (await TestBuyers.CreateOneAsync(services, 1_000_000m, "lone-a")).UserId, (await TestBuyers.CreateOneAsync(services, 1_000_000m, "lone-b")).UserId };
        var lot = await TestListings.ListLotAsync(services, reserve: 10m);
        var bids = services.GetRequiredService<BidService>();
        var path = Path.Combine(folder, "leadmarket.db");
        var before = new FileInfo(path).Length;

        // One bid at a time, two buyers outbidding each other: every bid is its own commit, with the writer idle
        // after each. Together they log well over the threshold and well under SQLite's backstop.
        var amount = 10m;
        for (var i = 0; i < 400; i++, amount += 1m)
        {
            var result = await bids.PlaceBidAsync(new PlaceBidCommand(buyers[i % 2], lot.LotId, amount, null, $"lone-{i}"));
            Assert.True(result.Accepted, result.Rejection?.Message);
        }

        await Eventually.TrueAsync(() => new FileInfo(path).Length > before, "the writer to checkpoint the log into the database file");
    }

    public void Dispose() => MarketApplication.DeleteDataDirectory(folder);

    private static async Task WritePagesAsync(SqliteConnection connection, int pages)
    {
        // One row of a little under a page each, ten rows a transaction: about one log page per row.
        var body = new byte[3_900];
        for (var written = 0; written < pages; written += 10)
        {
            await using var transaction = connection.BeginTransaction();
            for (var row = 0; row < 10; row++)
            {
                await using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """INSERT INTO "Pages" ("Body") VALUES (@body)""";
                insert.Parameters.AddWithValue("@body", body);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string text)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = text;
        await command.ExecuteNonQueryAsync();
    }
}
