using System.Collections.Concurrent;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>Scheduled lots on PostgreSQL with two nodes: both opening sweeps race, each lot opens and is announced once.</summary>
public sealed class TwoNodeOpeningTests(TwoNodeMarket market) : IClassFixture<TwoNodeMarket>
{
    [Fact]
    public async Task Both_nodes_sweeping_the_same_due_lots_open_each_once_and_either_node_then_takes_bids_on_it()
    {
        var opened = new ConcurrentQueue<LotOpenedEvent>();
        using var onA = market.A.Notifier.SubscribeAll(Record);
        using var onB = market.B.Notifier.SubscribeAll(Record);
        var buyer = (await TestBuyers.CreateAsync(market.A.Services, 1, 100_000m, "opening")).Single().UserId;
        var opensAt = market.Clock.GetUtcNow().AddMinutes(1);
        var lots = new List<Lot>();
        for (var i = 0; i < 20; i++)
        {
            lots.Add(await IntakeRows.CreateLotAsync(market.A.Services, opensAt.AddMilliseconds(i)));
        }

        // Both nodes bid while the lots are scheduled: refused, and nothing of them is cached as open.
        foreach (var node in market.Nodes)
        {
            Assert.False((await node.Bids.PlaceBidAsync(new PlaceBidCommand(buyer, lots[0].Id, 20m, null, null))).Accepted);
        }

        market.Clock.SetUtcNow(opensAt.AddSeconds(1));
        var counts = await Task.WhenAll(market.Nodes.Select(n => n.Services.GetRequiredService<LotOpeningWorker>().OpenDueLotsAsync(CancellationToken.None)));

        var ids = lots.Select(l => l.Id).ToHashSet();
        Assert.Equal(lots.Count, counts.Sum());
        var ours = opened.Where(e => ids.Contains(e.LotId)).ToList();
        Assert.Equal(ids.Order(), ours.Select(e => e.LotId).Order()); // each announced once, by the node that opened it
        await using var db = MarketServices.Db(market.A.Services);
        var stored = await db.Lots.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync();
        Assert.All(stored, l => Assert.Equal((LotStatus.Open, 1L), (l.Status, l.Version)));

        for (var i = 0; i < 2; i++)
        {
            var bid = await market.Nodes[i].Bids.PlaceBidAsync(new PlaceBidCommand(buyer, lots[i].Id, 20m, null, null));
            Assert.True(bid.Accepted, bid.Rejection?.Message);
        }

        Task Record(AuctionEvent e)
        {
            if (e is LotOpenedEvent lotOpened)
            {
                opened.Enqueue(lotOpened);
            }

            return Task.CompletedTask;
        }
    }
}
