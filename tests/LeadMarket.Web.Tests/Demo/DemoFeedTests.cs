using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Demo;

public sealed class DemoFeedTests
{
    [Fact]
    public async Task The_demo_publishers_feed_leads_through_the_pre_ping_into_one_batch_per_room_and_hour()
    {
        await using var app = new MarketApplication(demoActivity: true, settings: new Dictionary<string, string?>
        {
            ["Demo:ListingInterval"] = "00:00:00.100",
        });

        await Eventually.TrueAsync(async () =>
        {
            await using var db = MarketServices.Db(app.Services);
            return await db.Leads.CountAsync() >= 30 && await db.BatchRejections.AnyAsync();
        }, "the demo feed lists leads and has some turned away", TimeSpan.FromSeconds(60));

        // The feed goes on while the test reads: one transaction reads one snapshot.
        await using var check = MarketServices.Db(app.Services);
        await using var snapshot = await check.Database.BeginTransactionAsync();
        var batches = await check.Batches.AsNoTracking().ToListAsync();
        var rooms = await check.Rooms.CountAsync(r => r.IsActive);
        var leads = await check.Leads.AsNoTracking().ToListAsync();
        Assert.True(batches.Count <= rooms * 2 * 2, $"{batches.Count} batches for {rooms} rooms: a batch per publisher, room and hour, not per lead");
        Assert.All(batches, b => Assert.EndsWith(":00 UTC", b.Name, StringComparison.Ordinal));
        Assert.True(batches.Sum(b => b.LeadCount) == leads.Count, "every lead is counted in its batch");
        Assert.True(leads.Select(l => l.PostalArea).Distinct().Count() > 5, "leads come from many places");
        Assert.True(await check.Lots.CountAsync() == leads.Count(l => l.State == LeadState.Listed), "each listed lead has its lot");
        Assert.Contains(leads, l => l.FieldsJson.Length > 2);
    }
}
