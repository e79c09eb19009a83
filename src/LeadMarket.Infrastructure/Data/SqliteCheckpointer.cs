using LeadMarket.Infrastructure.Auctions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Data;

/// <summary>
/// Copies committed pages from SQLite's write-ahead log into the database file on a thread of its own, so that
/// the bid writer's commits do not do that work. SQLite would otherwise checkpoint inside whichever commit pushes
/// the log past 1,000 pages, and the bids of that commit would wait for the copy and the database file's fsync.
/// <para>
/// The checkpoints here are PASSIVE: they never wait for the writer and never make it wait. The writer keeps a
/// checkpoint of its own as a backstop for a log that grows under sustained load (see <see cref="WriterSql"/>);
/// it then finds almost every page already copied.
/// </para>
/// </summary>
public sealed partial class SqliteCheckpointer(IDbContextFactory<MarketDbContext> contexts, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private long checkpoints;

    /// <summary>How many checkpoints copied pages so far (for tests and diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = contexts.CreateDbContext();
        if (!db.Database.IsSqlite())
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(stoppingToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        // Upkeep of the file, not market time: always the real clock.
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    // One row: busy (0/1), frames in the log, frames copied to the database file.
                    await using var reader = await command.ExecuteReaderAsync(stoppingToken);
                    if (await reader.ReadAsync(stoppingToken) && reader.GetInt64(2) > 0)
                    {
                        Interlocked.Increment(ref checkpoints);
                    }
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    LogCheckpointFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A background checkpoint of the SQLite log failed; the writer's own checkpoint still bounds the log")]
    private partial void LogCheckpointFailed(Exception ex);
}
