using System.Data;
using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>Work for the <see cref="GroupCommitWriter{TUnit}"/>: answered after the commit that wrote it, or failed.</summary>
internal abstract class WriterWork
{
    public abstract void Complete();

    public abstract void Fail(Exception ex);
}

/// <summary>
/// What a <see cref="GroupCommitWriter{TUnit}"/> runs in its transactions. The writer knows connections, batches,
/// retries and order; the steps know what the work means. A unit is what one transaction did.
/// </summary>
internal interface IGroupCommitSteps<TUnit>
    where TUnit : class
{
    /// <summary>Creates the steps' commands on the writer's connection, once, before it is first prepared.</summary>
    void Attach(WriterSql sql);

    /// <summary>The connection was reopened: anything remembered from before is not trusted.</summary>
    void Reconnected();

    /// <summary>A new transaction's unit; <paramref name="batched"/> when it carries more than one item.</summary>
    TUnit Start(bool batched);

    /// <summary>Runs one item inside the unit's transaction (it may throw: the whole transaction is then rolled back).</summary>
    Task RunAsync(TUnit unit, WriterWork work, CancellationToken ct);

    /// <summary>The unit's last writes, just before the commit.</summary>
    Task FinishAsync(TUnit unit, CancellationToken ct);

    /// <summary>The unit committed (on the writer's thread, before the next transaction starts).</summary>
    void Committed(TUnit unit);

    /// <summary>Nothing of the unit was written.</summary>
    void RolledBack(TUnit unit);

    /// <summary>What an item's caller gets when the database cannot be reached (the item was not run).</summary>
    Exception Unreachable(Exception cause);

    /// <summary>What an item's caller gets when the writer stops before it ran the item.</summary>
    Exception ShuttingDown();

    /// <summary>Announces a committed unit (on the events thread, in commit order, before its items are answered).</summary>
    void Publish(TUnit unit);
}

/// <summary>
/// A group-commit writer: one thread drains whatever work is waiting (up to <see cref="MaxBatch"/> items) and
/// commits it in one transaction; a second thread announces each committed unit and then answers its items, in
/// commit order, so the next commit never waits for watchers. Work is answered only after its commit.
/// <para>
/// A batch that fails as a whole (a deadlock with another node, a guard that failed on deferred writes) is rolled
/// back and its items are taken again one by one, each in its own transaction, so one bad item cannot sink the
/// others; an item the database itself rolled back (deadlock, serialization failure) is tried again a few times.
/// A broken connection is reopened and prepared again before the next batch; the batch that met it fails.
/// </para>
/// <para>
/// Both loops run on threads of their own, woken directly by whoever queues work (<see cref="HandOffQueue{T}"/>):
/// when a thousand watchers keep the thread pool busy with socket work, a bid must not wait in line behind it. An
/// idle loop sleeps at once rather than spinning: on two cores a spinning loop takes the core the next step needs.
/// On SQLite the writer also checkpoints the log itself, when enough of it has built up and no work came for a
/// moment, instead of letting one unlucky commit do it (decision 009).
/// </para>
/// </summary>
internal sealed partial class GroupCommitWriter<TUnit> : IDisposable
    where TUnit : class
{
    public const int MaxBatch = 512;
    private const int MaxAttempts = 4;

    /// <summary>
    /// How long the writer waits with nothing to do before it checkpoints SQLite's log (a few times what a
    /// checkpoint takes here): a checkpoint then lands in a pause of the market, not in front of a bid.
    /// </summary>
    private static readonly TimeSpan QuietBeforeCheckpoint = TimeSpan.FromMilliseconds(5);

    private readonly HandOffQueue<WriterWork> queue = new();
    private readonly HandOffQueue<CommittedUnit> committed = new();
    private readonly IGroupCommitSteps<TUnit> steps;
    private readonly ILogger logger;

    public GroupCommitWriter(IGroupCommitSteps<TUnit> steps, ILogger logger)
    {
        this.steps = steps;
        this.logger = logger;
    }

    /// <summary>How long disposal waits for the loops to finish what they hold.</summary>
    private static readonly TimeSpan DrainOnDispose = TimeSpan.FromSeconds(5);

    private Task? running;

    /// <summary>False once the writer is shutting down (adding was completed).</summary>
    public bool TryQueue(WriterWork work) => queue.TryAdd(work);

    /// <summary>
    /// Disposal can come before the loops ended (a host disposed without being stopped, or one whose stop timed out):
    /// the writer then stops taking work and is given a moment to drain; a loop still running keeps its queues,
    /// which are left to the garbage collector rather than disposed under a thread that still waits on them.
    /// </summary>
    public void Dispose()
    {
        queue.CompleteAdding();
        if (running is { } run)
        {
            try
            {
                run.Wait(DrainOnDispose);
            }
            catch (AggregateException)
            {
                // The loop failed; it has stopped all the same.
            }

            if (!run.IsCompleted)
            {
                return;
            }
        }

        queue.Dispose();
        committed.Dispose();
    }

    /// <summary>
    /// Runs the writer on <paramref name="connection"/> (opened here) on a thread of its own named
    /// <paramref name="threadName"/>, its events on one named <paramref name="eventsThreadName"/>; completes when it
    /// stopped, after every committed unit was announced and answered.
    /// </summary>
    public Task RunAsync(DbConnection connection, bool sqlite, string threadName, string eventsThreadName, CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(connection, sqlite, eventsThreadName, stoppingToken);
                stopped.TrySetResult();
            }
            catch (Exception ex)
            {
                stopped.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = threadName,
        };
        running = stopped.Task;
        thread.Start();
        return stopped.Task;
    }

    private void Run(DbConnection connection, bool sqlite, string eventsThreadName, CancellationToken stoppingToken)
    {
        connection.Open();
        var sql = new WriterSql(connection, sqlite);
        steps.Attach(sql);
        sql.PrepareConnectionAsync(stoppingToken).GetAwaiter().GetResult();

        var publisher = new Thread(PublishCommitted) { IsBackground = true, Name = eventsThreadName };
        publisher.Start();
        var batch = new List<WriterWork>(MaxBatch);
        try
        {
            while (true)
            {
                if (sql.CheckpointDue && !queue.Wait(QuietBeforeCheckpoint, stoppingToken))
                {
                    // A quiet moment: no work is waiting for this loop.
                    if (!sql.Checkpoint(out var resultCode))
                    {
                        LogCheckpointFailed(resultCode);
                    }
                }

                if (!queue.Take(out var first, stoppingToken))
                {
                    break;
                }

                batch.Clear();
                batch.Add(first);
                while (batch.Count < MaxBatch && queue.TryTake(out var item))
                {
                    batch.Add(item);
                }

                if (!EnsureOpen(connection, sql, stoppingToken, out var unreachable))
                {
                    foreach (var item in batch)
                    {
                        item.Fail(unreachable);
                    }

                    continue;
                }

                ProcessAsync(sql, batch, stoppingToken).GetAwaiter().GetResult();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            queue.CompleteAdding();
            while (queue.TryTake(out var left))
            {
                left.Fail(steps.ShuttingDown());
            }

            // Whatever was committed is still announced and answered.
            committed.CompleteAdding();
            publisher.Join();
        }
    }

    /// <summary>
    /// Reopens the writer's connection when it broke (database restarted, connection killed) and prepares its
    /// statements again: the items of the batch that met the break failed and can be sent again (a bid with the
    /// same clientBidId); the next ones go through. The steps forget what they remembered.
    /// </summary>
    private bool EnsureOpen(DbConnection connection, WriterSql sql, CancellationToken ct, out Exception unreachable)
    {
        unreachable = null!;
        if (connection.State == ConnectionState.Open)
        {
            return true;
        }

        try
        {
            connection.Close();
            connection.Open();
            sql.PrepareConnectionAsync(ct).GetAwaiter().GetResult();
            steps.Reconnected();
            LogReconnected();
            return true;
        }
        catch (DbException ex)
        {
            LogItemFailed(ex);
            unreachable = steps.Unreachable(ex);
            return false;
        }
    }

    /// <summary>In commit order: a unit is announced, then its items are answered.</summary>
    private void PublishCommitted()
    {
        while (committed.Take(out var done, CancellationToken.None))
        {
            try
            {
                steps.Publish(done.Unit);
            }
            catch (Exception ex)
            {
                LogPublishFailed(ex);
            }

            foreach (var item in done.Items)
            {
                item.Complete();
            }
        }
    }

    private async Task ProcessAsync(WriterSql sql, List<WriterWork> batch, CancellationToken ct)
    {
        try
        {
            await ProcessInOneTransactionAsync(sql, batch, ct);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException && (batch.Count > 1 || IsRolledBackByDatabase(ex)))
        {
            // A batch failed as a whole (e.g. a deadlock with another node). Nothing of it was committed; take
            // each item again on its own so one bad item cannot sink the others.
            LogBatchRetried(ex, batch.Count);
            foreach (var item in batch)
            {
                await ProcessAloneAsync(sql, item, ct);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            LogItemFailed(ex);
            foreach (var item in batch)
            {
                item.Fail(ex);
            }
        }
    }

    /// <summary>
    /// One item in its own transaction. When the database itself rolled the transaction back (chosen as a deadlock
    /// victim, a serialization failure) nothing of it was committed, so it is taken again from fresh state a few
    /// times before the item fails: on PostgreSQL two nodes' writers lock the same lot and buyer rows in different
    /// orders (bidder, lot, outbid buyer) and do deadlock now and then; that is no reason to turn a bid away.
    /// </summary>
    private async Task ProcessAloneAsync(WriterSql sql, WriterWork item, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ProcessInOneTransactionAsync(sql, [item], ct);
                return;
            }
            catch (Exception ex) when (IsRolledBackByDatabase(ex) && attempt < MaxAttempts)
            {
                LogItemRetried(ex, attempt);
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                LogItemFailed(ex);
                item.Fail(ex);
                return;
            }
        }
    }

    /// <summary>SQLSTATE 40001 (serialization failure) and 40P01 (deadlock detected): the whole transaction was rolled back.</summary>
    private static bool IsRolledBackByDatabase(Exception ex) => ex is DbException { SqlState: "40001" or "40P01" };

    private async Task ProcessInOneTransactionAsync(WriterSql sql, List<WriterWork> items, CancellationToken ct)
    {
        var unit = steps.Start(batched: items.Count > 1);
        await sql.BeginAsync(ct);
        try
        {
            foreach (var item in items)
            {
                await steps.RunAsync(unit, item, ct);
            }

            await steps.FinishAsync(unit, ct);
            await sql.CommitAsync(ct);
        }
        catch
        {
            steps.RolledBack(unit);
            await sql.RollbackAsync();
            throw;
        }

        // Committed: the unit is announced and then its items are answered, from the events loop, while this loop
        // takes the next batch.
        steps.Committed(unit);
        if (!committed.TryAdd(new CommittedUnit(unit, [.. items])))
        {
            // Only this loop completes that queue, after its last batch, so this does not happen; if it did, the
            // items are committed and still get their answers.
            foreach (var item in items)
            {
                item.Complete();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The writer's checkpoint of the SQLite log failed (SQLite result code {ResultCode}); nothing is lost, the log keeps the pages and the checkpoint is tried again when it has grown by as much again")]
    private partial void LogCheckpointFailed(int resultCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The writer's database connection broke and was reopened")]
    private partial void LogReconnected();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} writer items failed as a whole; retrying them one by one")]
    private partial void LogBatchRetried(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A writer item was rolled back by the database (deadlock or serialization failure, attempt {Attempt}); taking it again")]
    private partial void LogItemRetried(Exception ex, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "A writer item failed")]
    private partial void LogItemFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a committed unit of the writer failed")]
    private partial void LogPublishFailed(Exception ex);

    private sealed record CommittedUnit(TUnit Unit, List<WriterWork> Items);
}
