using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on a thread of its own, so that no bid's commit pays
/// for it.
/// <para>
/// By default the connection that commits a transaction which takes the log past 1,000 pages runs the checkpoint
/// itself, before its commit returns: it writes the logged pages into the database file and syncs that file too. On
/// the bid writer's connection that was one commit in a few hundred, the slowest answers of all (a lone bid's p99).
/// The writer's connection therefore has automatic checkpoints off (<c>PRAGMA wal_autocheckpoint=0</c>), tells this
/// class when it committed, and a passive checkpoint runs here at most every <see cref="Interval"/>: it copies what no
/// reader still needs and never blocks the writer or a reader. Durability does not change: a commit is durable once
/// the log is synced (synchronous=FULL), whenever its pages reach the database file.
/// </para>
/// <para>
/// Once a second rather than more often: a page written by many commits (a hot lot's row, the bids' index) is copied
/// once per checkpoint, and each checkpoint's sync of the database file can hold up a commit's sync of the log. A
/// lone bid's round trip, p99 (docs/BENCHMARKS.md, figure 3, same hour): 1.42 ms with checkpoints in the commit,
/// 1.22 ms with them here every 250 ms, 1.10 ms every second. The log grows meanwhile by what a second of commits
/// writes, and is reused from its start once a checkpoint has copied all of it.
/// </para>
/// </summary>
internal sealed partial class WalCheckpoints : IDisposable
{
    /// <summary>At most one checkpoint this often while bids are being committed.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly IDisposable? owner;
    private readonly DbConnection connection;
    private readonly ILogger logger;
    private readonly AutoResetEvent committed = new(false);
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;

    /// <param name="connection">A connection of its own to the database (opened here).</param>
    /// <param name="logger">Where failed checkpoints are told.</param>
    /// <param name="owner">What owns <paramref name="connection"/> (its context), if anything; disposed with this.</param>
    public WalCheckpoints(DbConnection connection, ILogger logger, IDisposable? owner = null)
    {
        this.owner = owner;
        this.connection = connection;
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "WAL checkpoints", Priority = ThreadPriority.BelowNormal };
        thread.Start();
    }

    /// <summary>Pages were committed to the log: a checkpoint is due (at most one per interval).</summary>
    public void Committed() => committed.Set();

    /// <summary>Runs one passive checkpoint now; returns the pages in the log and how many of them are in the database file.</summary>
    internal (long Logged, long Copied) CheckpointNow()
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    private void Run()
    {
        var handles = new[] { committed, stopping.Token.WaitHandle };
        while (WaitHandle.WaitAny(handles) == 0)
        {
            try
            {
                if (connection.State != System.Data.ConnectionState.Open)
                {
                    connection.Open();
                }

                CheckpointNow();
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                // A checkpoint that failed (disk full, the file unreachable) is tried again after the next commit; the
                // log keeps every page meanwhile.
                LogCheckpointFailed(ex);
            }

            if (stopping.Token.WaitHandle.WaitOne(Interval))
            {
                break;
            }
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        thread.Join();
        connection.Dispose();
        owner?.Dispose();
        committed.Dispose();
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A WAL checkpoint failed; it is tried again after the next commit.")]
    private partial void LogCheckpointFailed(Exception ex);
}
