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
/// Keeps the demo market alive: the demo publishers list a fresh, realistic lead every few seconds, and the
/// demo bidders compete for lots with private valuations, through the same services a person uses.
/// </summary>
public sealed partial class DemoMarket(
    IServiceProvider services,
    IOptions<DemoOptions> options,
    TimeProvider time,
    ILogger<DemoMarket> logger) : BackgroundService
{
    private static readonly (string City, string PostalCode)[] Places =
    [
        ("München", "80331"), ("Berlin", "10115"), ("Hamburg", "20095"), ("Köln", "50667"), ("Frankfurt am Main", "60311"),
        ("Stuttgart", "70173"), ("Düsseldorf", "40213"), ("Leipzig", "04109"), ("Dresden", "01067"), ("Nürnberg", "90402"),
        ("Hannover", "30159"), ("Bremen", "28195"), ("Freiburg", "79098"), ("Augsburg", "86150"), ("Regensburg", "93047"),
    ];

    private static readonly string[] FirstNames = ["Anna", "Jonas", "Lea", "Lukas", "Sophie", "Felix", "Marie", "Paul", "Emma", "Elias", "Hannah", "Noah"];
    private static readonly string[] LastNames = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"];

    private static readonly Dictionary<string, string[]> Needs = new()
    {
        ["insurance"] = ["Private health insurance, self-employed, family of 3", "Term life cover 250k for new mortgage", "Household contents insurance, 85 m² flat", "Car insurance switch, 2021 hybrid, no claims 8 years"],
        ["solar"] = ["Quote for a 10 kWp solar roof with battery", "8 kWp PV on detached house, south roof, 2027 start", "Balcony power plant plus wallbox", "Solar roof and heat pump combination for 160 m² house"],
        ["finance"] = ["Mortgage 380k, 10-year fixed, first home", "Follow-up financing 210k from March", "Business loan 50k for workshop equipment", "Consumer loan 15k for car purchase"],
        ["trades"] = ["Bathroom renovation, 7 m², walk-in shower", "Roof insulation and new tiles, 140 m²", "Kitchen installation incl. electrics", "Facade painting, three-storey house"],
    };

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

    private async Task LoopAsync(TimeSpan interval, Func<CancellationToken, Task> step, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await step(ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogDemoStepFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    private async Task ListOneAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<MarketDbContext>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var listing = scope.ServiceProvider.GetRequiredService<ListingService>();

        List<(Guid Id, string Slug)> rooms;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            rooms = (await db.Rooms.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.Id, r.Vertical!.Slug }).ToListAsync(ct))
                .Select(r => (r.Id, r.Slug)).ToList();
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
        var needs = Needs.GetValueOrDefault(room.Slug) ?? Needs["trades"];
        var place = Places[random.Next(Places.Length)];
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var now = time.GetUtcNow();
        var doi = random.NextDouble() < 0.7;
        var lead = new LeadInput(
            first, last, $"{first.ToLowerInvariant()}.{Ascii(last)}{random.Next(10, 99)}@example.de", $"+49 15{random.Next(1, 9)} {random.Next(1000000, 9999999)}",
            $"Hauptstraße {random.Next(1, 120)}", place.PostalCode, place.City, "DE", "de", needs[random.Next(needs.Length)],
            new ConsentEvidence(now.AddMinutes(-random.Next(5, 90)), $"198.51.100.{random.Next(1, 254)}", "Mozilla/5.0 (demo)", $"https://demo.example/{room.Slug}",
                $"I agree that up to three {room.Slug} providers contact me by phone and email about my request.",
                doi ? now.AddMinutes(-4) : null, doi ? now.AddMinutes(-2) : null, doi ? "198.51.100.20" : null));

        var shared = random.NextDouble() < 0.3;
        var reserve = room.Slug switch { "solar" => 25m, "finance" => 15m, "trades" => 12m, _ => 8m };
        await listing.ListAsync(publisher.Id, new BatchTerms($"Demo feed {now:HH:mm:ss}", room.Id, shared ? SaleMode.Shared : SaleMode.Exclusive, shared ? 3 : 1, reserve, random.Next(45, 120)), [lead], ct);
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

    private static string Ascii(string s) => s.ToLowerInvariant().Replace("ü", "ue", StringComparison.Ordinal).Replace("ö", "oe", StringComparison.Ordinal).Replace("ä", "ae", StringComparison.Ordinal);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo market step failed")]
    private partial void LogDemoStepFailed(Exception ex);
}
