using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Outbox;
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
/// Speed comes from group commit (<see cref="GroupCommitWriter{TUnit}"/>): one loop drains whatever bids are
/// waiting and commits their decisions in one transaction; a second loop publishes their events and then answers
/// them. A bid is acknowledged only after its commit. Within one batch a hot lot is decided many times; its row is
/// written once, at the end of the batch, with the guard of the version the batch's first decision on it read.
/// </para>
/// <para>
/// The use cases are steps of that writer, each with its SQL beside it: <see cref="PlaceBidStep"/> (decide a bid)
/// and <see cref="CloseLotStep"/> (settle a lot, and write the outbox row that unlocks each purchase). What the
/// writer remembers of committed state is in <see cref="AuctionCache"/>.
/// </para>
/// </summary>
public sealed partial class AuctionWriter : BackgroundService
{
    private readonly IDbContextFactory<MarketDbContext> contexts;
    private readonly GroupCommitWriter<AuctionUnit> writer;

    public AuctionWriter(IDbContextFactory<MarketDbContext> contexts, IAuctionNotifier notifier, OutboxSignal outbox, TimeProvider time, ILogger<AuctionWriter> logger)
    {
        this.contexts = contexts;
        writer = new GroupCommitWriter<AuctionUnit>(new AuctionSteps(notifier, outbox, time, logger), logger);
    }

    /// <summary>Decides a bid; completes after the decision is committed (or rejected).</summary>
    public Task<PlaceBidResult> PlaceBidAsync(PlaceBidCommand command, CancellationToken cancellationToken = default)
    {
        var work = new BidWork(command);
        if (!writer.TryQueue(work))
        {
            throw new InvalidOperationException("The auction writer has stopped; no bids are taken while the node shuts down.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Settles a lot whose time is up. Idempotent: closing a closed lot, or one extended meanwhile, does nothing.</summary>
    public Task<bool> CloseAsync(Guid lotId, CancellationToken cancellationToken = default)
    {
        var work = new CloseWork(lotId);
        if (!writer.TryQueue(work))
        {
            throw new InvalidOperationException("The auction writer has stopped.");
        }

        return work.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Forget cached state of a buyer (after an admin changed their credit on this node).</summary>
    public void ForgetBuyer(string buyerId) => writer.TryQueue(new ForgetWork(buyerId));

    public override void Dispose()
    {
        base.Dispose();
        writer.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await writer.RunAsync(db.Database.GetDbConnection(), db.Database.IsSqlite(), "Auction writer", "Auction events", stoppingToken);
    }

    /// <summary>The auction's steps in the group-commit writer: which work runs which step, and what a committed unit becomes.</summary>
    private sealed partial class AuctionSteps(IAuctionNotifier notifier, OutboxSignal outbox, TimeProvider time, ILogger logger) : IGroupCommitSteps<AuctionUnit>
    {
        private AuctionStateSql state = null!;
        private AuctionCache cache = null!;
        private PlaceBidStep placeBid = null!;
        private CloseLotStep closeLot = null!;

        public void Attach(WriterSql sql)
        {
            state = new AuctionStateSql(sql);
            cache = new AuctionCache(state);
            placeBid = new PlaceBidStep(cache, state, new PlaceBidSql(sql), time, logger);
            closeLot = new CloseLotStep(cache, state, new CloseLotSql(sql), time, logger);
        }

        public void Reconnected() => cache.Clear();

        public AuctionUnit Start(bool batched) => new(deferLotWrites: batched);

        public async Task RunAsync(AuctionUnit unit, WriterWork work, CancellationToken ct)
        {
            switch (work)
            {
                case BidWork bid:
                    bid.Result = await placeBid.RunAsync(unit, bid.Command, ct);
                    break;
                case CloseWork close:
                    close.Closed = await closeLot.RunAsync(unit, close.LotId, ct);
                    break;
                case ForgetWork forget:
                    cache.ForgetBuyer(forget.BuyerId);
                    break;
            }
        }

        public Task FinishAsync(AuctionUnit unit, CancellationToken ct) => unit.WritePendingLotsAsync(state, ct);

        public void Committed(AuctionUnit unit) => cache.Commit(unit);

        public void RolledBack(AuctionUnit unit) => cache.Drop(unit);

        public Exception Unreachable(Exception cause) =>
            new InvalidOperationException("The database is not reachable right now; the bid was not decided. Send it again with the same clientBidId.", cause);

        public Exception ShuttingDown() => new OperationCanceledException("The node is shutting down; the bid was not decided.");

        public void Publish(AuctionUnit unit)
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

            if (unit.OutboxMessages > 0)
            {
                // After the unit's own events (a lot's close is announced before its lead is unlocked).
                outbox.Notify();
            }
        }

        [LoggerMessage(Level = LogLevel.Error, Message = "Publishing a committed auction event of lot {LotId} failed")]
        private partial void LogPublishFailed(Exception ex, Guid lotId);
    }

    private sealed class BidWork(PlaceBidCommand command) : WriterWork
    {
        public PlaceBidCommand Command { get; } = command;

        public PlaceBidResult? Result { get; set; }

        public TaskCompletionSource<PlaceBidResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Completion.TrySetResult(Result!);

        public override void Fail(Exception ex) => Completion.TrySetException(ex);
    }

    private sealed class CloseWork(Guid lotId) : WriterWork
    {
        public Guid LotId { get; } = lotId;

        public bool Closed { get; set; }

        public TaskCompletionSource<bool> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Complete() => Completion.TrySetResult(Closed);

        public override void Fail(Exception ex) => Completion.TrySetException(ex);
    }

    private sealed class ForgetWork(string buyerId) : WriterWork
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
