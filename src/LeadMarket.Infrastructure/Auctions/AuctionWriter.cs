using System.Data.Common;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// The one place where bids are decided and lots are closed on this node.
/// <para>
/// Every decision is written with an UPDATE guarded by the lot's row version (and credit by a guarded UPDATE of
/// the buyer's exposure), so the database, not this process, decides what wins: a decision taken on stale
/// state (another node wrote first) changes no row and is taken again from fresh state.
/// </para>
/// <para>
/// Speed comes from group commit: a single loop drains whatever bids are waiting and commits their decisions in
/// one transaction, then publishes their events and answers them. A bid is acknowledged only after its commit.
/// </para>
/// <para>
/// Within one batch a hot lot is decided many times; its row is written once, at the end of the batch, with the
/// guard of the version the batch's first decision on it read (the batch holds the write lock from then on, so
/// the decisions in between cannot be overtaken). If the guard fails, another node wrote first: nothing of the
/// batch is committed and each item is taken again on its own, from fresh state.
/// </para>
/// <para>
/// Events and answers leave through a second loop, in commit order (a batch's events, then its answers): sending
/// an event to a room's watchers (hub groups, pages) costs time per watcher, and the next commit must not wait for it.
/// </para>
/// <para>
/// Both loops run on threads of their own, woken directly by whoever queues work: when a thousand watchers keep
/// the thread pool busy with socket work, a bid must not wait in line behind it to be decided or announced. (The
/// writer's statements are synchronous on SQLite anyway; on PostgreSQL its thread waits for each round trip,
/// which is what a single writer does.) An idle loop sleeps at once rather than spinning (<see cref="HandOffQueue{T}"/>):
/// on two cores a spinning loop takes the core the bid's next step needs.
/// </para>
/// <para>
/// On SQLite the writer also checkpoints the log itself, when enough of it has built up and no work came for a
/// moment, instead of letting one unlucky commit do it while its bids wait (decision 009).
/// </para>
/// </summary>
public sealed partial class AuctionWriter : BackgroundService
{
    private const int MaxBatch = 512;
    private const int MaxAttempts = 4;

    /// <summary>
    /// How long the writer waits with nothing to do before it checkpoints SQLite's log (a few times what a
    /// checkpoint takes here): a checkpoint then lands in a pause of the market, not in front of a bid.
    /// </summary>
    private static readonly TimeSpan QuietBeforeCheckpoint = TimeSpan.FromMilliseconds(5);

    private readonly HandOffQueue<WorkItem> queue = new();
    private readonly HandOffQueue<CommittedUnit> committed = new();
    private readonly IDbContextFactory<MarketDbContext> contexts;
    private readonly IAuctionNotifier notifier;
    private readonly TimeProvider time;
    private readonly ILogger<AuctionWriter> logger;

    // Owned by the writer loop alone: no locks. Entries reflect committed state only.
    private readonly Dictionary<Guid, CachedLot> lots = [];
    private readonly Dictionary<string, CachedBuyer> buyers = [];
    private readonly RecentBids recent = new(capacity: 200_000);

    public AuctionWriter(IDbContextFactory<MarketDbContext> contexts, IAuctionNotifier notifier, TimeProvider time, ILogger<AuctionWriter> logger)
    {
        this.contexts = contexts;
        this.notifier = notifier;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>Decides a bid; completes after the decision is committed (or rejected).</summary>
    public Task<PlaceBidResult> PlaceBidAsync(PlaceBidCommand command, CancellationToken cancellationToken = default)
    {
        var work = new BidWork(command);
        if (!TryQueue(work))
        {
            throw new InvalidOperationException("The auction writer has stopped; no bids are taken while the node shuts down.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Settles a lot whose time is up. Idempotent: closing a closed lot, or one extended meanwhile, does nothing.</summary>
    public Task<bool> CloseAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        var work = new CloseWork(lotId);
        if (!TryQueue(work))
        {
            throw new InvalidOperationException("The auction writer has stopped.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forget cached state of a buyer (after an admin changed their credit on this node).</summary>
    public void ForgetBuyer(string buyerId) => TryQueue(new ForgetWork(buyerId));

    public override void Dispose()
    {
        base.Dispose();
        queue.Dispose();
        committed.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Run(stoppingToken);
                stopped.TrySetResult();
            }
            catch (Exception ex)
            {
                stopped.TrySetException(ex);
            }
        })
        {
            IsBackground = true,
            Name = "Auction writer",
        };
        thread.Start();
        return stopped.Task;
    }

    /// <summary>False once the node is shutting down (adding was completed).</summary>
    private bool TryQueue(WorkItem work) => queue.TryAdd(work);

    private void Run(CancellationToken stoppingToken)
    {
        using var db = contexts.CreateDbContext();
        var connection = db.Database.GetDbConnection();
        connection.Open();
        var sql = new WriterSql(connection, db.Database.IsSqlite());
        sql.PrepareConnectionAsync(stoppingToken).GetAwaiter().GetResult();

        var publisher = new Thread(PublishCommitted) { IsBackground = true, Name = "Auction events" };
        publisher.Start();
        var batch = new List<WorkItem>(MaxBatch);
        try
        {
            while (true)
            {
                if (sql.CheckpointDue && !queue.Wait(QuietBeforeCheckpoint, stoppingToken))
                {
                    // A quiet moment: no bid is waiting for this loop.
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
                left.Fail(new OperationCanceledException("The node is shutting down; the bid was not decided."));
            }

            // Whatever was committed is still announced and answered.
            committed.CompleteAdding();
            publisher.Join();
        }
    }

    /// <summary>
    /// Reopens the writer's connection when it broke (database restarted, connection killed): the bids of the batch
    /// that met the break failed and can be sent again with the same clientBidId; the next ones go through. The
    /// caches are dropped, as the guarded writes would catch stale state anyway.
    /// </summary>
    private bool EnsureOpen(DbConnection connection, WriterSql sql, CancellationToken ct, out Exception unreachable)
    {
        unreachable = null!;
        if (connection.State == System.Data.ConnectionState.Open)
        {
            return true;
        }

        try
        {
            connection.Close();
            connection.Open();
            sql.PrepareConnectionAsync(ct).GetAwaiter().GetResult();
            lots.Clear();
            buyers.Clear();
            LogReconnected();
            return true;
        }
        catch (DbException ex)
        {
            LogItemFailed(ex);
            unreachable = new InvalidOperationException("The database is not reachable right now; the bid was not decided. Send it again with the same clientBidId.", ex);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The auction writer's checkpoint of the SQLite log failed (SQLite result code {ResultCode}); nothing is lost, the log keeps the pages and the checkpoint is tried again when it has grown by as much again")]
    private partial void LogCheckpointFailed(int resultCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The auction writer's database connection broke and was reopened")]
    private partial void LogReconnected();

    /// <summary>In commit order: a unit's events go to the watchers, then its items are answered.</summary>
    private void PublishCommitted()
    {
        while (committed.Take(out var unit, CancellationToken.None))
        {
            foreach (var auctionEvent in unit.Events)
            {
                try
                {
                    notifier.Publish(auctionEvent);
                }
                catch (Exception ex)
                {
                    LogPublishFailed(ex, auctionEvent.LotId);
                }
            }

            foreach (var item in unit.Items)
            {
                item.Complete();
            }
        }
    }

    private async Task ProcessAsync(WriterSql sql, List<WorkItem> batch, CancellationToken ct)
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
    private async Task ProcessAloneAsync(WriterSql sql, WorkItem item, CancellationToken ct)
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

    private async Task ProcessInOneTransactionAsync(WriterSql sql, List<WorkItem> items, CancellationToken ct)
    {
        var unit = new UnitOfWork { DeferLotWrites = items.Count > 1 };
        await sql.BeginAsync(ct);
        try
        {
            foreach (var item in items)
            {
                switch (item)
                {
                    case BidWork bid:
                        bid.Result = await DecideAsync(sql, unit, bid.Command, ct);
                        break;
                    case CloseWork close:
                        close.Closed = await SettleAsync(sql, unit, close.LotId, ct);
                        break;
                    case ForgetWork forget:
                        buyers.Remove(forget.BuyerId);
                        break;
                }
            }

            await WritePendingLotsAsync(sql, unit, ct);
            await sql.CommitAsync(ct);
        }
        catch
        {
            // Nothing was written: drop every cached row the unit touched, they may be half-known.
            foreach (var id in unit.Lots.Keys)
            {
                lots.Remove(id);
            }

            foreach (var id in unit.Buyers.Keys)
            {
                buyers.Remove(id);
            }

            await sql.RollbackAsync();
            throw;
        }

        // Committed: the unit's state becomes the cache; its events are announced and then its answers go out, from
        // the publishing loop, while this loop takes the next batch.
        foreach (var (id, lot) in unit.Lots)
        {
            if (lot.State.Status == LotStatus.Open)
            {
                lots[id] = lot;
            }
            else
            {
                lots.Remove(id);
            }
        }

        foreach (var (id, buyer) in unit.Buyers)
        {
            buyers[id] = buyer;
        }

        foreach (var (key, lotId) in unit.ClientBidIds)
        {
            recent.Remember(key, lotId);
        }

        if (!committed.TryAdd(new CommittedUnit(unit.Events, [.. items])))
        {
            // Only this loop completes that queue, after its last batch, so this does not happen; if it did, the
            // items are committed and still get their answers.
            foreach (var item in items)
            {
                item.Complete();
            }
        }
    }

    private async Task<PlaceBidResult> DecideAsync(WriterSql sql, UnitOfWork unit, PlaceBidCommand command, CancellationToken ct)
    {
        var key = command.ClientBidId is null ? null : new ClientBidKey(command.BuyerId, command.ClientBidId);
        if (key is not null)
        {
            var earlierLot = unit.ClientBidIds.TryGetValue(key, out var inBatch) ? inBatch
                : recent.TryGet(key, out var remembered) ? remembered
                : await sql.FindClientBidAsync(key, ct);
            if (earlierLot is { } lotOfEarlier)
            {
                var lotNow = await GetLotAsync(sql, unit, lotOfEarlier, fresh: false, ct);
                return lotNow is null
                    ? PlaceBidResult.Rejected(command.LotId, BidRejection.BidIdReused())
                    : Answer(lotNow.State, command.BuyerId, accepted: true) with { Repeated = true };
            }
        }

        var freshLot = false;
        var freshBuyer = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var lot = await GetLotAsync(sql, unit, command.LotId, freshLot, ct);
            if (lot is null)
            {
                return PlaceBidResult.Rejected(command.LotId, BidRejection.NoSuchLot());
            }

            var buyer = await GetBuyerAsync(sql, unit, command.BuyerId, freshBuyer, ct);
            if (buyer is null)
            {
                return PlaceBidResult.Rejected(command.LotId, BidRejection.NoCreditLine());
            }

            var decision = Auction.Decide(lot.State, new BidAttempt(command.BuyerId, command.Amount, command.MaxAmount), buyer.Available, now);
            if (decision is BidDecision.Rejected rejected)
            {
                if (rejected.Reason.Code == BidRejectionCode.OverCredit && !freshBuyer)
                {
                    // The cached credit may be old (an admin raised the limit on another node): confirm first.
                    freshBuyer = true;
                    continue;
                }

                if (rejected.Reason.Code is BidRejectionCode.AlreadyLeading or BidRejectionCode.LotClosed && !freshLot && !unit.Lots.ContainsKey(lot.Id))
                {
                    // Decided on cached state, which another node may have moved on (an extension, an outbid):
                    // confirm before turning a buyer away. "Too low" needs no check: minimum bids only rise.
                    freshLot = true;
                    continue;
                }

                return Answer(lot.State, command.BuyerId, accepted: false) with { Rejection = rejected.Reason, Accepted = false };
            }

            var accepted = (BidDecision.Accepted)decision;
            var bidderDelta = 0m;
            foreach (var change in accepted.ExposureChanges)
            {
                bidderDelta += change.BuyerId == command.BuyerId ? change.Delta : 0m;
            }

            if (bidderDelta > 0 && !await sql.ReserveExposureAsync(command.BuyerId, bidderDelta, ct))
            {
                freshBuyer = true;
                continue;
            }

            if (unit.DeferLotWrites)
            {
                // Written once at the end of the batch, guarded by what its first decision on the lot read.
                unit.PendingLotWrites.TryAdd(lot.Id, lot.Version);
            }
            else if (!await sql.UpdateLotAsync(lot.Id, lot.Version, lot.Version + 1, accepted.After, ct))
            {
                if (bidderDelta > 0)
                {
                    await sql.ChangeExposureAsync(command.BuyerId, -bidderDelta, ct);
                }

                freshLot = true;
                continue;
            }

            foreach (var change in accepted.ExposureChanges)
            {
                if (change.BuyerId != command.BuyerId || change.Delta < 0)
                {
                    await sql.ChangeExposureAsync(change.BuyerId, change.Delta, ct);
                }
            }

            foreach (var change in accepted.ExposureChanges)
            {
                var affected = change.BuyerId == command.BuyerId ? buyer : await GetBuyerAsync(sql, unit, change.BuyerId, fresh: false, ct);
                if (affected is not null)
                {
                    unit.Buyers[change.BuyerId] = affected with { Exposure = affected.Exposure + change.Delta };
                }
            }

            foreach (var placed in accepted.Bids)
            {
                var ownBid = !placed.IsProxy && placed.BuyerId == command.BuyerId;
                await sql.InsertBidAsync(lot.Id, placed, ownBid ? command.ClientBidId : null, now, ct);
            }

            var updated = lot with { State = accepted.After, Version = lot.Version + 1 };
            unit.Lots[lot.Id] = updated;
            if (key is not null)
            {
                unit.ClientBidIds[key] = lot.Id;
            }

            AddBidEvents(unit, updated, accepted, now);
            return Answer(accepted.After, command.BuyerId, accepted: true);
        }

        LogContended(command.LotId);
        return PlaceBidResult.Rejected(command.LotId, BidRejection.LotBusy());
    }

    private static void AddBidEvents(UnitOfWork unit, CachedLot lot, BidDecision.Accepted accepted, DateTimeOffset now)
    {
        var after = accepted.After;
        var leaders = after.Leaders;
        var leaderIds = new string[leaders.Count];
        for (var i = 0; i < leaderIds.Length; i++)
        {
            leaderIds[i] = leaders[i].BuyerId;
        }

        foreach (var placed in accepted.Bids)
        {
            unit.Events.Add(new BidAcceptedEvent(
                lot.RoomId, lot.Id, placed.Sequence, placed.Amount, placed.BuyerId, BidderAlias.For(lot.Id, placed.BuyerId),
                placed.IsProxy, after.EndsAt, after.MinimumBid, after.SharesLeft, leaderIds, now));
        }

        if (accepted.Extended)
        {
            unit.Events.Add(new LotExtendedEvent(lot.RoomId, lot.Id, after.EndsAt));
        }
    }

    private static PlaceBidResult Answer(LotState lot, string buyerId, bool accepted) =>
        new(accepted, null, lot.LotId, lot.HighestBid, lot.MinimumBid, lot.IsLeading(buyerId), lot.EndsAt, lot.Sequence);

    private async Task<bool> SettleAsync(WriterSql sql, UnitOfWork unit, Guid lotId, CancellationToken ct)
    {
        var fresh = false;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var now = time.GetUtcNow();
            var lot = await GetLotAsync(sql, unit, lotId, fresh, ct);
            if (lot is null || lot.State.Status == LotStatus.Closed || now < lot.State.EndsAt)
            {
                if (!fresh && lot is not null && !unit.Lots.ContainsKey(lotId))
                {
                    fresh = true;
                    continue;
                }

                return false;
            }

            var settlement = Auction.Settle(lot.State, now);
            await WritePendingLotAsync(sql, unit, lot.Id, ct);
            if (!await sql.CloseLotAsync(lot.Id, lot.Version, settlement.Outcome, now, ct))
            {
                fresh = true;
                continue;
            }

            var winners = new List<WinnerView>(settlement.Winners.Length);
            foreach (var winner in settlement.Winners)
            {
                await sql.InsertPurchaseAsync(lot.Id, lot.LeadId, winner.BuyerId, winner.Price, now, ct);
                await sql.SettleBuyerAsync(winner.BuyerId, winner.Price, winner.Reserved, ct);
                var buyer = await GetBuyerAsync(sql, unit, winner.BuyerId, fresh: false, ct);
                if (buyer is not null)
                {
                    unit.Buyers[winner.BuyerId] = buyer with { CreditUsed = buyer.CreditUsed + winner.Price, Exposure = buyer.Exposure - winner.Reserved };
                }

                winners.Add(new WinnerView(winner.BuyerId, BidderAlias.For(lot.Id, winner.BuyerId), winner.Price));
            }

            unit.Lots[lot.Id] = lot with { State = settlement.Closed, Version = lot.Version + 1 };
            unit.Events.Add(new LotClosedEvent(lot.RoomId, lot.Id, settlement.Outcome, winners, now));
            return true;
        }

        LogContended(lotId);
        return false;
    }

    /// <summary>Writes every lot this batch decided on: one guarded UPDATE per lot, whatever the number of decisions.</summary>
    private static async Task WritePendingLotsAsync(WriterSql sql, UnitOfWork unit, CancellationToken ct)
    {
        if (unit.PendingLotWrites.Count == 0)
        {
            return;
        }

        foreach (var lotId in unit.PendingLotWrites.Keys.ToList())
        {
            await WritePendingLotAsync(sql, unit, lotId, ct);
        }
    }

    private static async Task WritePendingLotAsync(WriterSql sql, UnitOfWork unit, Guid lotId, CancellationToken ct)
    {
        if (!unit.PendingLotWrites.Remove(lotId, out var readVersion))
        {
            return;
        }

        var lot = unit.Lots[lotId];
        if (!await sql.UpdateLotAsync(lotId, readVersion, lot.Version, lot.State, ct))
        {
            throw new StaleLotException(lotId);
        }
    }

    private async Task<CachedLot?> GetLotAsync(WriterSql sql, UnitOfWork unit, Guid lotId, bool fresh, CancellationToken ct)
    {
        if (unit.Lots.TryGetValue(lotId, out var pending))
        {
            return pending;
        }

        if (!fresh && lots.TryGetValue(lotId, out var cached))
        {
            return cached;
        }

        var loaded = await sql.LoadLotAsync(lotId, ct);
        if (loaded is null)
        {
            lots.Remove(lotId);
        }
        else if (loaded.State.Status == LotStatus.Open)
        {
            lots[lotId] = loaded;
        }

        return loaded;
    }

    private async Task<CachedBuyer?> GetBuyerAsync(WriterSql sql, UnitOfWork unit, string buyerId, bool fresh, CancellationToken ct)
    {
        if (unit.Buyers.TryGetValue(buyerId, out var pending) && !fresh)
        {
            return pending;
        }

        if (!fresh && buyers.TryGetValue(buyerId, out var cached))
        {
            return cached;
        }

        var loaded = await sql.LoadBuyerAsync(buyerId, ct);
        if (loaded is null)
        {
            buyers.Remove(buyerId);
            unit.Buyers.Remove(buyerId);
        }
        else
        {
            buyers[buyerId] = loaded;
            if (unit.Buyers.ContainsKey(buyerId))
            {
                unit.Buyers[buyerId] = loaded;
            }
        }

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} auction decisions failed as a whole; retrying them one by one")]
    private partial void LogBatchRetried(Exception ex, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "An auction decision was rolled back by the database (deadlock or serialization failure, attempt {Attempt}); taking it again")]
    private partial void LogItemRetried(Exception ex, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "An auction decision failed")]
    private partial void LogItemFailed(Exception ex);

    [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a committed auction event of lot {LotId} failed")]
    private partial void LogPublishFailed(Exception ex, Guid lotId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lot {LotId} stayed contended after several attempts")]
    private partial void LogContended(Guid lotId);

    private sealed class UnitOfWork
    {
        /// <summary>Whether lot rows are written once at the end (batches) or at each decision (a single item).</summary>
        public bool DeferLotWrites { get; init; }

        /// <summary>Lots decided on but not yet written, with the version their first decision read (the guard).</summary>
        public Dictionary<Guid, long> PendingLotWrites { get; } = [];

        public Dictionary<Guid, CachedLot> Lots { get; } = [];

        public Dictionary<string, CachedBuyer> Buyers { get; } = [];

        public Dictionary<ClientBidKey, Guid> ClientBidIds { get; } = [];

        public List<AuctionEvent> Events { get; } = [];
    }

    /// <summary>Another node wrote a lot after this batch read it: the batch is dropped and its items taken one by one.</summary>
    private sealed class StaleLotException(Guid lotId)
        : InvalidOperationException($"Lot {lotId} was written elsewhere after this batch read it; its items are decided again one by one.");

    private sealed record CommittedUnit(List<AuctionEvent> Events, List<WorkItem> Items);

    private abstract class WorkItem
    {
        public abstract void Complete();

        public abstract void Fail(Exception ex);
    }

    private sealed class BidWork(PlaceBidCommand command) : WorkItem
    {
        public PlaceBidCommand Command { get; } = command;

        public PlaceBidResult? Result { get; set; }

        public TaskCompletionSource<PlaceBidResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Completion.TrySetResult(Result!);

        public override void Fail(Exception ex) => Completion.TrySetException(ex);
    }

    private sealed class CloseWork(Guid lotId) : WorkItem
    {
        public Guid LotId { get; } = lotId;

        public bool Closed { get; set; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Completion.TrySetResult(Closed);

        public override void Fail(Exception ex) => Completion.TrySetException(ex);
    }

    private sealed class ForgetWork(string buyerId) : WorkItem
    {
        public string BuyerId { get; } = buyerId;

        public override void Complete()
        {
        }

        public override void Fail(Exception ex)
        {
        }
    }
}

internal sealed record CachedLot(Guid Id, Guid RoomId, Guid LeadId, LotState State, long Version);

internal sealed record CachedBuyer(decimal CreditLimit, decimal CreditUsed, decimal Exposure)
{
    public decimal Available => CreditLimit - CreditUsed - Exposure;
}

internal sealed record ClientBidKey(string BuyerId, string ClientBidId);

/// <summary>A bounded memory of recent client bid ids, so a retry is usually answered without a query.</summary>
internal sealed class RecentBids(int capacity)
{
    private readonly Dictionary<ClientBidKey, Guid> map = [];
    private readonly Queue<ClientBidKey> order = new();

    public bool TryGet(ClientBidKey key, out Guid lotId) => map.TryGetValue(key, out lotId);

    public void Remember(ClientBidKey key, Guid lotId)
    {
        if (map.TryAdd(key, lotId))
        {
            order.Enqueue(key);
            if (order.Count > capacity)
            {
                map.Remove(order.Dequeue());
            }
        }
    }
}
