using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LeadMarket.Infrastructure.Demo;

/// <summary>
/// Keeps the demo market alive: the demo publishers send a fresh, realistic lead every few seconds through the pre-ping
/// into a batch per room and hour (some of them rejected, as in real feeds), and the
/// demo bidders compete for lots with private valuations, through the same services a person uses.
/// </summary>
public sealed partial class DemoMarket(
    IServiceProvider services,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoMarket> logger) : BackgroundService
{
    private readonly DemoLeads leads = new(new Random());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        var tasks = new List<Task>();
        if (o.Publisher)
        {
            tasks.Add(LoopAsync(o.ListingInterval, ListOneAsync, stoppingToken));
        }

        if (o.Bidders)
        {
            tasks.Add(LoopAsync(o.BiddingInterval, BidRoundAsync, stoppingToken));
        }

        await Task.WhenAll(tasks);
    }

    private Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> step, CancellationToken ct) =>
        PeriodicSweep.RunAsync(interval, time, step, LogDemoStepFailed, ct);

    /// <summary>
    /// One demo lead through the same pre-ping a publisher's leads pass, into the publisher's batch of this hour for a
    /// room (opened on the hour's first lead): the desk shows a batch per room and hour with its rejections.
    /// </summary>
    private async Task ListOneAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MarketDbContext>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var intake = scope.ServiceProvider.GetRequiredService<IntakeService>();

        List<(Guid Id, string Name, string Slug)> rooms;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            rooms = (await db.Rooms.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.Id, r.Name, r.Vertical!.Slug }).ToListAsync(ct))
                .Select(r => (r.Id, r.Name, r.Slug)).ToList();
        }

        if (rooms.Count == 0)
        {
            return;
        }

        var random = Random.Shared;
        var publisher = await users.FindByEmailAsync(MarketSeeder.DemoPublishers[random.Next(MarketSeeder.DemoPublishers.Length)]);
        if (publisher is null)
        {
            return;
        }

        var room = rooms[random.Next(rooms.Count)];
        var now = time.GetUtcNow();
        var batchId = await HourlyBatchAsync(contexts, intake, publisher.Id, room, now, ct);
        if (batchId is null)
        {
            return;
        }

        await intake.SubmitAsync(publisher.Id, batchId.Value, [leads.Next(room.Slug, now)], IntakeMode.Live, ct);
    }

    private static async Task<Guid?> HourlyBatchAsync(IDbContextFactory<MarketDbContext> contexts, IntakeService intake, string publisherId,
        (Guid Id, string Name, string Slug) room, DateTimeOffset now, CancellationToken ct)
    {
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        var name = $"{room.Name} · {hour:yyyy-MM-dd HH}:00 UTC";
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            var existing = await db.Batches.AsNoTracking()
                .Where(b => b.PublisherId == publisherId && b.RoomId == room.Id && b.Name == name && b.Status == BatchStatus.Open)
                .Select(b => (Guid?)b.Id).FirstOrDefaultAsync(ct);
            if (existing is not null)
            {
                return existing;
            }
        }

        // Alternate exclusive and shared hours, so both sale modes are always on show.
        var shared = hour.Hour % 2 == 1;
        var reserve = room.Slug switch { "solar" => 25m, "finance" => 15m, "trades" => 12m, _ => 8m };
        var opened = await intake.OpenBatchAsync(publisherId,
            new BatchSettings(name, room.Id, shared ? SaleMode.Shared : SaleMode.Exclusive, shared ? 3 : 1, reserve, 90, null, 0, HostedDoubleOptIn: false),
            IntakeMode.Live, ct);
        return opened.BatchId;
    }

    private async Task BidRoundAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MarketDbContext>>();
        var bids = scope.ServiceProvider.GetRequiredService<BidService>();
        List<string> bidderIds;
        List<(Guid Id, decimal Reserve)> open;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            bidderIds = await db.Users.Where(u => MarketSeeder.DemoBidders.Contains(u.Email!)).Select(u => u.Id).ToListAsync(ct);
            open = (await db.Lots.AsNoTracking().Where(l => l.Status == LotStatus.Open)
                    .OrderBy(l => l.EndsAt).Take(200).Select(l => new { l.Id, l.ReservePrice }).ToListAsync(ct))
                .Select(l => (l.Id, l.ReservePrice)).ToList();
        }

        if (bidderIds.Count == 0 || open.Count == 0)
        {
            return;
        }

        var random = Random.Shared;
        for (var i = 0; i < Math.Min(3, open.Count); i++)
        {
            var lot = open[random.Next(open.Count)];
            var bidder = bidderIds[random.Next(bidderIds.Count)];

            // A private valuation per bidder and lot, so the same bidder stays consistent and prices settle.
            var valuation = lot.Reserve * (1.2m + (Math.Abs(HashCode.Combine(lot.Id, bidder)) % 180) / 100m);
            var position = await scope.ServiceProvider.GetRequiredService<RoomQueries>().GetLotAsync(lot.Id, ct);
            if (position is null || position.MinimumBid > valuation)
            {
                continue;
            }

            var useProxy = random.NextDouble() < 0.3;
            await bids.PlaceBidAsync(new PlaceBidCommand(bidder, lot.Id, position.MinimumBid, useProxy ? decimal.Round(valuation, 2) : null, null), ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo market step failed")]
    private partial void LogDemoStepFailed(Exception ex);
}
