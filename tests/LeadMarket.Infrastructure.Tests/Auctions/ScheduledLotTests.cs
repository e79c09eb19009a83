using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>Lots of a batch with a start time or pacing: scheduled until their time, then opened once and biddable.</summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class ScheduledLotTests(SqliteMarket market)
{
    private LotOpeningWorker Opening => market.Services.GetRequiredService<LotOpeningWorker>();

    private RoomQueries Rooms => market.Services.GetRequiredService<RoomQueries>();

    [Fact]
    public async Task A_scheduled_lot_is_not_in_its_room_and_a_bid_on_it_is_refused_as_no_such_lot()
    {
        var buyer = await market.CreateBuyerAsync("early-bird", 1_000m);
        var lot = await IntakeRows.CreateLotAsync(market.Services, market.Time.GetUtcNow().AddMinutes(10));
        Assert.Equal(LotStatus.Scheduled, lot.Status);

        var room = await Rooms.GetRoomAsync(lot.RoomId, buyer);
        Assert.DoesNotContain(room!.Lots, l => l.LotId == lot.Id);
        Assert.Null(await Rooms.GetLotAsync(lot.Id));

        var bid = await market.BidAsync(buyer, lot.Id, 20m);
        Assert.False(bid.Accepted);
        Assert.Equal(BidRejectionReason.NoSuchLot, bid.Rejection!.Reason);
        await using var db = market.App.Db();
        Assert.False(await db.Bids.AnyAsync(b => b.LotId == lot.Id));
    }

    [Fact]
    public async Task A_scheduled_lot_opens_at_its_time_exactly_once_is_announced_once_and_then_takes_bids()
    {
        var buyer = await market.CreateBuyerAsync("on-time", 1_000m);
        var opensAt = market.Time.GetUtcNow().AddMinutes(5);
        var lot = await IntakeRows.CreateLotAsync(market.Services, opensAt, durationSeconds: 120);
        using var events = new EventLog(market.Notifier);
        Assert.False((await market.BidAsync(buyer, lot.Id, 20m)).Accepted); // read (not cached) while scheduled

        market.Time.SetUtcNow(opensAt.AddMilliseconds(-1));
        await Opening.OpenDueLotsAsync(CancellationToken.None);
        Assert.Empty(events.Of<LotOpenedEvent>(lot.Id));

        market.Time.SetUtcNow(opensAt);
        await Opening.OpenDueLotsAsync(CancellationToken.None);
        await Opening.OpenDueLotsAsync(CancellationToken.None);

        var opened = Assert.Single(events.Of<LotOpenedEvent>(lot.Id));
        Assert.Equal((lot.RoomId, LotStatus.Open, opensAt.AddSeconds(120)), (opened.RoomId, opened.Lot.Status, opened.Lot.EndsAt));
        Assert.Contains((await Rooms.GetRoomAsync(lot.RoomId, null))!.Lots, l => l.LotId == lot.Id);
        var bid = await market.BidAsync(buyer, lot.Id, 20m);
        Assert.True(bid.Accepted, bid.Rejection?.Message);
    }

    [Fact]
    public async Task The_closing_sweep_never_closes_a_scheduled_lot_and_one_opened_late_still_runs_its_full_time()
    {
        var opensAt = market.Time.GetUtcNow().AddMinutes(1);
        var lot = await IntakeRows.CreateLotAsync(market.Services, opensAt, durationSeconds: 60);

        // The node was down past the lot's whole running time.
        var late = lot.EndsAt.AddMinutes(5);
        market.Time.SetUtcNow(late);
        await market.Services.GetRequiredService<LotClosingWorker>().CloseDueLotsAsync(CancellationToken.None);
        Assert.False(await market.Writer.CloseAsync(lot.Id));
        await using (var db = market.App.Db())
        {
            Assert.Equal(LotStatus.Scheduled, (await db.Lots.SingleAsync(l => l.Id == lot.Id)).Status);
        }

        await Opening.OpenDueLotsAsync(CancellationToken.None);
        await using (var db = market.App.Db())
        {
            var opened = await db.Lots.SingleAsync(l => l.Id == lot.Id);
            Assert.Equal((LotStatus.Open, late, late.AddSeconds(60)), (opened.Status, opened.OpenedAt, opened.EndsAt));
        }
    }

    [Fact]
    public async Task Two_opening_workers_racing_over_the_same_due_lots_open_and_announce_each_once()
    {
        var opensAt = market.Time.GetUtcNow().AddMinutes(2);
        var lots = new List<Lot>();
        for (var i = 0; i < 10; i++)
        {
            lots.Add(await IntakeRows.CreateLotAsync(market.Services, opensAt.AddMilliseconds(i)));
        }

        var second = ActivatorUtilities.CreateInstance<LotOpeningWorker>(market.Services);
        using var events = new EventLog(market.Notifier);
        market.Time.SetUtcNow(opensAt.AddSeconds(1));
        var counts = await Task.WhenAll(Opening.OpenDueLotsAsync(CancellationToken.None), second.OpenDueLotsAsync(CancellationToken.None));

        Assert.True(counts.Sum() >= lots.Count);
        var ids = lots.Select(l => l.Id).ToList();
        await using var db = market.App.Db();
        var stored = await db.Lots.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync();
        Assert.All(stored, l => Assert.Equal((LotStatus.Open, 1L), (l.Status, l.Version))); // one opening write each
        foreach (var lot in lots)
        {
            Assert.Single(events.Of<LotOpenedEvent>(lot.Id));
        }
    }

    [Fact]
    public async Task Of_two_workers_that_both_read_a_lot_as_due_only_one_opens_and_announces_it()
    {
        var opensAt = market.Time.GetUtcNow().AddMinutes(3);
        var lot = await IntakeRows.CreateLotAsync(market.Services, opensAt);
        var second = ActivatorUtilities.CreateInstance<LotOpeningWorker>(market.Services);
        using var events = new EventLog(market.Notifier);
        market.Time.SetUtcNow(opensAt);

        var due = new LotOpeningWorker.DueLot(lot.Id, lot.OpenedAt, lot.EndsAt); // both read it before either wrote
        var results = await Task.WhenAll(Opening.OpenAsync(due, opensAt, CancellationToken.None), second.OpenAsync(due, opensAt, CancellationToken.None));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(events.Of<LotOpenedEvent>(lot.Id));
    }
}
