using LeadMarket.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Intake;

/// <summary>
/// Marks leads of a hosted double opt-in that were not confirmed in time as <see cref="LeadState.Expired"/>: past their
/// link's expiry, or (no mail ever went out) the confirmation lifetime after they came in. One guarded, set-based
/// write (<c>… WHERE "State" = 'AwaitingConfirmation' AND …</c>), so it races safely with a confirmation and with other
/// nodes; an expired lead is never listed, and its link then says so.
/// </summary>
public sealed partial class DoiExpiryWorker(
    IDbContextFactory<MarketDbContext> contexts,
    IOptions<DoubleOptInOptions> options,
    TimeProvider time,
    ILogger<DoiExpiryWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicSweep.RunAsync(options.Value.ExpiryInterval, time, ExpireDueAsync, LogSweepFailed, stoppingToken);

    /// <summary>Expires every unconfirmed lead past its time; returns how many.</summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cameInBefore = now - options.Value.ConfirmationLifetime;
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Leads
            .Where(l => l.State == LeadState.AwaitingConfirmation
                && (l.ConfirmationExpiresAt <= now || (l.ConfirmationExpiresAt == null && l.CreatedAt <= cameInBefore)))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.State, LeadState.Expired), ct);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Expiring unconfirmed leads failed; the next sweep tries again")]
    private partial void LogSweepFailed(Exception ex);
}
