using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadMarket.Infrastructure.Auctions;

/// <summary>
/// Closes lots whose time is up. Runs at once on start, so lots that ended while the node was down are settled
/// first; the close itself is a guarded write in <see cref="AuctionWriter"/>, so it happens exactly once even
/// when several nodes race for it.
/// </summary>
public sealed partial class LotClosingWorker(
    IDbContextFactory<MarketDbContext> contexts,
    AuctionWriter writer,
    TimeProvider time,
    ILogger<LotClosingWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(Interval, time, CloseDueLotsAsync, LogSweepFailed, stoppingToken);

    /// <summary>Closes every lot due now; returns how many this call settled.</summary>
    public async Task<int> CloseDueLotsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<Guid> due;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            due = await db.Lots.AsNoTracking()
                .Where(l => l.Status == LotStatus.Open && l.EndsAt <= now)
                .OrderBy(l => l.EndsAt)
                .Select(l => l.Id)
                .Take(500)
                .ToListAsync(ct);
        }

        var closed = 0;
        foreach (var lotId in due)
        {
            if (await writer.CloseAsync(lotId, ct))
            {
                closed++;
            }
        }

        return closed;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing due lots failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception ex);
}
