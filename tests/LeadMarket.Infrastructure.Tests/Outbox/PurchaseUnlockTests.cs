using System.Collections.Concurrent;
using System.Net;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LeadMarket.Infrastructure.Tests.Outbox;

/// <summary>
/// The unlock of a purchase through the outbox, on apps of their own: the test replaces the app's
/// <c>purchase.settled</c> handler with one that waits inside the handling, after the claim, until the test lets it go on
/// (or the app stops). The clock's timers never fire, so the worker looks for rows only at its start and when the
/// writer wakes it.
/// </summary>
public sealed class PurchaseUnlockTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_lead_is_not_served_before_its_purchase_is_unlocked_and_its_buyer_hears_of_the_unlock()
    {
        var clock = new ManualClock();
        var held = new HeldUnlock();
        await using var app = new MarketApplication(time: clock, services: held.Replace);
        var buyer = await TestBuyers.CreateOneAsync(app.Services, 1_000m, "unlock");
        var lot = await TestListings.ListLotAsync(app.Services, reserve: 10m);
        var unlocks = new ConcurrentQueue<LeadUnlockedEvent>();
        using var subscription = app.Services.GetRequiredService<LeadUnlockNotifier>().SubscribeBuyer(buyer.UserId, e =>
        {
            unlocks.Enqueue(e);
            return Task.CompletedTask;
        });
        Assert.True((await app.Services.GetRequiredService<BidService>().PlaceBidAsync(new PlaceBidCommand(buyer.UserId, lot.LotId, 12m, null, "unlock-1"))).Accepted);
        clock.SetUtcNow(lot.EndsAt);
        Assert.True(await app.Services.GetRequiredService<AuctionWriter>().CloseAsync(lot.LotId));

        // Settled and claimed, not yet unlocked: the buyer's API and lists show nothing of the lead.
        await held.Entered.Task.WaitAsync(Patience);
        using var api = buyer.ApiClient(app);
        using (var locked = await api.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, locked.StatusCode);
        }

        var leads = app.Services.GetRequiredService<PurchasedLeads>();
        Assert.Empty(await leads.ListNewestAsync(buyer.UserId));
        Assert.Empty(unlocks);

        held.Release.SetResult();
        await Eventually.TrueAsync(() => !unlocks.IsEmpty, "the buyer to hear of the unlock");
        var unlocked = Assert.Single(unlocks);
        Assert.Equal((lot.LeadId, lot.LotId), (unlocked.LeadId, unlocked.LotId));
        using (var readable = await api.GetAsync($"/api/v1/leads/{lot.LeadId}"))
        {
            Assert.Equal(HttpStatusCode.OK, readable.StatusCode);
        }

        Assert.Equal(lot.LeadId, Assert.Single(await leads.ListNewestAsync(buyer.UserId)).LeadId);
    }

    [Fact]
    public async Task A_worker_stopped_between_claim_and_completion_leaves_the_row_to_the_next_one_which_unlocks_it_once()
    {
        var clock = new ManualClock();
        var folder = MarketApplication.NewDataDirectory();
        try
        {
            TestBuyer buyer;
            ListedLot lot;
            var held = new HeldUnlock();
            await using (var first = new MarketApplication(folder, clock, services: held.Replace))
            {
                buyer = await TestBuyers.CreateOneAsync(first.Services, 1_000m, "restart");
                lot = await TestListings.ListLotAsync(first.Services, reserve: 10m);
                Assert.True((await first.Services.GetRequiredService<BidService>().PlaceBidAsync(new PlaceBidCommand(buyer.UserId, lot.LotId, 12m, null, "restart-1"))).Accepted);
                clock.SetUtcNow(lot.EndsAt);
                Assert.True(await first.Services.GetRequiredService<AuctionWriter>().CloseAsync(lot.LotId));
                await held.Entered.Task.WaitAsync(Patience);
            }

            await using var second = new MarketApplication(folder, clock);
            var unlocks = new ConcurrentQueue<LeadUnlockedEvent>();
            using var subscription = second.Services.GetRequiredService<LeadUnlockNotifier>().SubscribeAll(e =>
            {
                unlocks.Enqueue(e);
                return Task.CompletedTask;
            });

            // The first app stopped inside the handling: the row is claimed, not completed, and the purchase still
            // locked; the second app's worker leaves it alone while the claim holds.
            Guid messageId;
            await using (var db = second.Db())
            {
                var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Type == PurchaseSettled.Type);
                Assert.Equal((1, false, true), (row.Attempts, row.CompletedAt is not null, row.ClaimedUntil > clock.GetUtcNow()));
                Assert.Null((await db.Purchases.AsNoTracking().SingleAsync(p => p.LotId == lot.LotId)).UnlockedAt);
                messageId = row.Id;
            }

            // Once the stopped node's lease has passed, the next look (the worker's poll; this clock's timers never fire) takes it.
            clock.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
            second.Services.GetRequiredService<OutboxSignal>().Notify();
            await Eventually.TrueAsync(() => !unlocks.IsEmpty, "the second worker to unlock the purchase");

            await using var check = second.Db();
            var done = await check.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == messageId);
            Assert.Equal((2, true, second.Services.GetRequiredService<OutboxProcessor>().Node), (done.Attempts, done.CompletedAt is not null, done.ClaimedBy));
            Assert.NotNull((await check.Purchases.AsNoTracking().SingleAsync(p => p.LotId == lot.LotId)).UnlockedAt);
            Assert.Equal(lot.LeadId, Assert.Single(unlocks).LeadId);
            Assert.NotNull(await second.Services.GetRequiredService<PurchasedLeads>().GetAsync(buyer.UserId, lot.LeadId));
        }
        finally
        {
            MarketApplication.DeleteDataDirectory(folder);
        }
    }

    /// <summary>Replaces the app's unlock with one that stops after the claim until <see cref="Release"/> (or the app stops).</summary>
    private sealed class HeldUnlock
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Replace(IServiceCollection services)
        {
            services.RemoveAll<IOutboxHandler>();
            services.AddSingleton<IOutboxHandler>(sp => new TestHandler(PurchaseSettled.Type, async (message, ct) =>
            {
                Entered.TrySetResult();
                await Release.Task.WaitAsync(ct);
                await ActivatorUtilities.CreateInstance<UnlockPurchaseHandler>(sp).HandleAsync(message, ct);
            }));
        }
    }
}
