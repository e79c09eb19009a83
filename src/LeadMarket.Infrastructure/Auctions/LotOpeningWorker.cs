using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Opens scheduled lots (a batch's start time and pacing) once their time has come, and announces each in its room.
/// Runs at once on start, so lots that came due while the node was down open first. The opening is a guarded write
/// (<c>UPDATE … SET "Status" = 'Open' WHERE "Id" = @id AND "Status" = 'Scheduled' AND "OpenedAt" &lt;= @now</c>): with
/// several nodes each lot opens once, and only the node whose write changed the row announces it. A lot that opens
/// late keeps its full running time: its end moves by the delay, and its opening time becomes the real one.
/// <para>
/// Nothing of this runs in the bid writer: a scheduled lot is never in the writer's cache (it keeps open lots only),
/// so the first bid after the opening reads the open row.
/// </para>
/// </summary>
public sealed partial class LotOpeningWorker(
    IDbContextFactory<MarketDbContext> contexts,
    RoomQueries rooms,
    IAuctionNotifier notifier,
    TimeProvider time,
    ILogger<LotOpeningWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Lots looked at per sweep; a longer backlog opens over the next sweeps, oldest first.</summary>
    public const int SweepSize = 500;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, time, OpenDueLotsAsync, LogSweepFailed, stoppingToken);

    /// <summary>Opens every scheduled lot due now; returns how many this call opened (another node's openings not counted).</summary>
    public async Task<int> OpenDueLotsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<DueLot> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Lots.AsNoTracking()
                .Where(l => l.Status == LotStatus.Scheduled && l.OpenedAt <= now)
                .OrderBy(l => l.OpenedAt)
                .Select(l => new DueLot(l.Id, l.OpenedAt, l.EndsAt))
                .Take(SweepSize)
                .ToListAsync(ct);
        }

        var opened = 0;
        foreach (var lot in due)
        {
            if (await OpenAsync(lot, now, ct))
            {
                opened++;
            }
        }

        return opened;
    }

    /// <summary>
    /// Opens one lot this node read as due (scheduled for <see cref="DueLot.OpensAt"/>, ending at <see cref="DueLot.EndsAt"/>)
    /// and announces it; false, announcing nothing, when the guarded write changed no row (another node opened it).
    /// </summary>
    internal async Task<bool> OpenAsync(DueLot lot, DateTimeOffset now, CancellationToken ct)
    {
        if (!await WriteOpenAsync(lot, now, ct))
        {
            return false;
        }

        if (await rooms.GetLotAsync(lot.Id, ct) is { } card)
        {
            notifier.Publish(new LotOpenedEvent(card.RoomId, card));
        }

        return true;
    }

    private async Task<bool> WriteOpenAsync(DueLot lot, DateTimeOffset now, CancellationToken ct)
    {
        var endsAt = now + (lot.EndsAt - lot.OpensAt);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var changed = await db.Lots
            .Where(l => l.Id == lot.Id && l.Status == LotStatus.Scheduled && l.OpenedAt <= now)
            .ExecuteUpdateAsync(
                s => s.SetProperty(l => l.Status, LotStatus.Open)
                    .SetProperty(l => l.OpenedAt, now)
                    .SetProperty(l => l.EndsAt, endsAt)
                    .SetProperty(l => l.Version, l => l.Version + 1),
                ct);
        return changed == 1;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Opening due lots failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception ex);

    internal sealed record DueLot(Guid Id, DateTimeOffset OpensAt, DateTimeOffset EndsAt);
}
