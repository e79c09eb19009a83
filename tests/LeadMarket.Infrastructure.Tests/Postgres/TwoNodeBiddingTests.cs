using System.Collections.Concurrent;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>
/// The bid decision stays atomic on PostgreSQL with two nodes: buyers bid through both at once, then both try to
/// close. The database decides: one winner, three shares, gapless sequences, one settlement, no bid lost to an error.
/// </summary>
public sealed class TwoNodeBiddingTests(TwoNodeMarket market, ITestOutputHelper output) : IClassFixture<TwoNodeMarket>
{
    private const int BuyerCount = 24;
    private const int Rounds = 10;
    private const decimal Reserve = 10m;
    private const decimal Increment = 0.50m; // the insurance vertical's
    private const string LeadEmail = "tessa.brandauer@example.org";

    [Fact]
    public async Task Bids_through_two_nodes_on_one_database_sell_each_lot_once_with_gapless_sequences()
    {
        var (nodeA, nodeB) = (market.A, market.B);
        using var eventsA = new EventLog(nodeA.Notifier);
        using var eventsB = new EventLog(nodeB.Notifier);
        var exclusive = await TestListings.ListLotAsync(nodeA.Services, SaleMode.Exclusive, 1, Reserve, durationSeconds: 300,
            lead: TestLeads.Valid(market.Clock.GetUtcNow()) with { FirstName = "Tessa", LastName = "Brandauer", Email = LeadEmail });
        var shared = await TestListings.ListLotAsync(nodeA.Services, SaleMode.Shared, 3, Reserve, durationSeconds: 300);
        Guid[] lots = [exclusive.LotId, shared.LotId];
        var buyers = (await TestBuyers.CreateAsync(nodeA.Services, BuyerCount, 100_000m, "crowd")).Select(b => b.UserId).ToList();

        // Rounds of everyone bidding on both lots at once, half the buyers through each node.
        var outcomes = new ConcurrentBag<Outcome>();
        var known = buyers.ToDictionary(b => b, _ => lots.ToDictionary(l => l, _ => Reserve));
        for (var round = 0; round < Rounds; round++)
        {
            await Task.WhenAll(buyers.SelectMany((buyer, i) => lots.Select(lot =>
                BidAsync(market.Nodes[i % 2], buyer, lot, known[buyer], new Random(HashCode.Combine(i, round, lot)), outcomes))));
        }

        var all = outcomes.ToList();
        output.WriteLine($"{all.Count} bids, {all.Count(o => o.Result?.Accepted == true)} accepted, " +
            string.Join(", ", all.Where(o => o.Result is { Accepted: false }).GroupBy(o => o.Result!.Rejection!.Code).Select(g => $"{g.Count()} {g.Key}")));
        Assert.All(all, o => Assert.True(o.Error is null, $"A bid on {o.Node} failed instead of being decided: {o.Error}"));
        foreach (var lot in lots)
        {
            foreach (var node in market.Nodes)
            {
                Assert.True(all.Count(o => o.Node == node.Name && o.LotId == lot && o.Result!.Accepted) >= 2,
                    $"{node} should have had bids accepted on lot {lot}: the nodes must really compete.");
            }
        }

        // Both nodes close both lots at once: explicit closes and both closing sweeps.
        market.Clock.SetUtcNow(new[] { exclusive.EndsAt, shared.EndsAt }.Max());
        var closes = lots.SelectMany(lot => market.Nodes.Select(n => n.Writer.CloseAsync(lot))).ToList();
        var sweeps = market.Nodes.Select(n => n.Sweep.CloseDueLotsAsync(CancellationToken.None)).ToList();
        var settled = (await Task.WhenAll(closes)).Count(c => c) + (await Task.WhenAll(sweeps)).Sum();
        Assert.Equal(lots.Length, settled);
        foreach (var node in market.Nodes)
        {
            Assert.False(await node.Writer.CloseAsync(exclusive.LotId)); // also drains each writer's queue
        }

        foreach (var lot in lots)
        {
            Assert.Single(eventsA.Of<LotClosedEvent>(lot).Concat(eventsB.Of<LotClosedEvent>(lot)));
        }

        await using var db = MarketServices.Db(nodeA.Services);
        var purchases = await db.Purchases.AsNoTracking().Where(p => lots.Contains(p.LotId)).ToListAsync();
        var bids = await db.Bids.AsNoTracking().Where(b => lots.Contains(b.LotId)).ToListAsync();
        var lotRows = await db.Lots.AsNoTracking().Where(l => lots.Contains(l.Id)).ToDictionaryAsync(l => l.Id);

        Assert.Single(purchases, p => p.LotId == exclusive.LotId);
        Assert.Equal(3, purchases.Where(p => p.LotId == shared.LotId).Select(p => p.BuyerId).Distinct().Count());
        Assert.Equal(4, purchases.Count);

        foreach (var lot in lots)
        {
            var lotBids = bids.Where(b => b.LotId == lot).ToList();
            var sequences = lotBids.Select(b => b.Sequence).Order().ToList();
            Assert.Equal(Enumerable.Range(1, sequences.Count).Select(n => (long)n), sequences);
            Assert.Equal(lotRows[lot].Sequence, sequences.Count);
            Assert.Equal((LotStatus.Closed, LotOutcome.Sold), (lotRows[lot].Status, lotRows[lot].Outcome));

            foreach (var accepted in all.Where(o => o.LotId == lot && o.Result!.Accepted))
            {
                Assert.Contains(accepted.Result!.Sequence, sequences);
            }

            // Every winner pays their own last visible bid.
            foreach (var purchase in purchases.Where(p => p.LotId == lot))
            {
                Assert.Equal(lotBids.Where(b => b.BuyerId == purchase.BuyerId).MaxBy(b => b.Sequence)?.Amount, purchase.Price);
            }
        }

        Assert.Equal(bids.Where(b => b.LotId == exclusive.LotId).Max(b => b.Amount), Assert.Single(purchases, p => p.LotId == exclusive.LotId).Price);

        // A bid's own row carries its client id, buyer and amount; a refused bid left no row.
        var byClientId = bids.Where(b => b.ClientBidId is not null).ToDictionary(b => (b.BuyerId, b.ClientBidId!));
        foreach (var o in all)
        {
            if (!o.Result!.Accepted)
            {
                Assert.False(byClientId.ContainsKey((o.BuyerId, o.ClientBidId)), $"Refused bid {o.ClientBidId} left a row.");
            }
            else if (byClientId.TryGetValue((o.BuyerId, o.ClientBidId), out var row))
            {
                // A challenger's own maximum may lift their visible bid above the amount typed, never above the maximum.
                Assert.Equal((o.LotId, false), (row.LotId, row.IsProxy));
                Assert.InRange(row.Amount, o.Amount, o.Max ?? o.Amount);
            }
        }

        // Credit: nothing is held once both lots are closed, and used credit is exactly what was bought.
        var accounts = await db.BuyerAccounts.AsNoTracking().Where(a => buyers.Contains(a.UserId)).ToListAsync();
        Assert.All(accounts, a => Assert.Equal(0m, a.Exposure));
        Assert.Equal(purchases.Sum(p => p.Price), accounts.Sum(a => a.CreditUsed));

        // The lead listed through node A is unlocked for its winner through node B: the nodes share their keys.
        var winner = Assert.Single(purchases, p => p.LotId == exclusive.LotId).BuyerId;
        PurchasedLead? unlocked = null;
        await Eventually.TrueAsync(
            async () => (unlocked = await nodeB.Services.GetRequiredService<PurchasedLeads>().GetAsync(winner, exclusive.LeadId)) is not null,
            "the outbox to unlock the purchase");
        Assert.Equal(LeadEmail, unlocked?.Contact.Email);
    }

    /// <summary>
    /// X (on node A) leads one lot and Y (on node B) the other; both outbid each other at the same moment, again and
    /// again. Each decision locks the bidder's account, then the lot, then the outbid account: the two nodes'
    /// transactions lock the same rows in opposite orders, PostgreSQL picks a deadlock victim now and then, and the
    /// writer must take the victim's bid again rather than fail it.
    /// </summary>
    [Fact]
    public async Task Crossing_outbids_through_two_nodes_are_all_decided_even_when_their_transactions_deadlock()
    {
        const int crossings = 60;
        var x = (await TestBuyers.CreateOneAsync(market.A.Services, 100_000m, "cross-x")).UserId;
        var y = (await TestBuyers.CreateOneAsync(market.A.Services, 100_000m, "cross-y")).UserId;
        var first = await TestListings.ListLotAsync(market.A.Services, reserve: Reserve, durationSeconds: 7200);
        var second = await TestListings.ListLotAsync(market.A.Services, reserve: Reserve, durationSeconds: 7200);
        Assert.True((await market.B.Bids.PlaceBidAsync(new PlaceBidCommand(y, first.LotId, Reserve, null, null))).Accepted);
        Assert.True((await market.A.Bids.PlaceBidAsync(new PlaceBidCommand(x, second.LotId, Reserve, null, null))).Accepted);

        var (xTarget, yTarget) = (first.LotId, second.LotId); // each bids on the lot the other leads
        var price = Reserve;
        var failures = new List<string>();
        for (var i = 0; i < crossings; i++)
        {
            price += Increment;
            var xBid = Attempt(market.A, new PlaceBidCommand(x, xTarget, price, null, $"x{i}"));
            var yBid = Attempt(market.B, new PlaceBidCommand(y, yTarget, price, null, $"y{i}"));
            foreach (var (who, outcome) in new[] { ("X", await xBid), ("Y", await yBid) })
            {
                if (outcome.Error is not null || outcome.Result is not { Accepted: true, Leading: true })
                {
                    failures.Add($"crossing {i}, {who}: {outcome.Error?.Message ?? outcome.Result?.Rejection?.Message ?? "not leading"}");
                }
            }

            (xTarget, yTarget) = (yTarget, xTarget);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {crossings * 2} crossing bids were not decided:\n{string.Join("\n", failures.Take(5))}");
        await using var db = MarketServices.Db(market.A.Services);
        foreach (var lot in new[] { first.LotId, second.LotId })
        {
            var sequences = await db.Bids.Where(b => b.LotId == lot).OrderBy(b => b.Sequence).Select(b => b.Sequence).ToListAsync();
            Assert.Equal(Enumerable.Range(1, crossings + 1).Select(n => (long)n), sequences);
        }

        // Each leads one lot at the last price: that, and nothing else, is what their accounts hold.
        var exposures = await db.BuyerAccounts.Where(a => a.UserId == x || a.UserId == y).Select(a => a.Exposure).ToListAsync();
        Assert.Equal([price, price], exposures);
    }

    private static async Task<Outcome> Attempt(Node node, PlaceBidCommand command)
    {
        try
        {
            return new Outcome(node.Name, command.BuyerId, command.LotId, command.ClientBidId!, command.Amount, command.MaxAmount,
                await node.Bids.PlaceBidAsync(command), null);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return new Outcome(node.Name, command.BuyerId, command.LotId, command.ClientBidId!, command.Amount, command.MaxAmount, null, ex);
        }
    }

    private static async Task BidAsync(Node node, string buyer, Guid lot, Dictionary<Guid, decimal> known, Random random, ConcurrentBag<Outcome> outcomes)
    {
        var amount = known[lot] + (Increment * random.Next(0, 6));
        decimal? max = random.NextDouble() < 0.5 ? amount + (Increment * random.Next(1, 16)) : null;
        var outcome = await Attempt(node, new PlaceBidCommand(buyer, lot, amount, max, Guid.NewGuid().ToString("N")));
        if (outcome.Result is { } result && result.MinimumBid > known[lot])
        {
            known[lot] = result.MinimumBid;
        }

        outcomes.Add(outcome);
    }

    private sealed record Outcome(string Node, string BuyerId, Guid LotId, string ClientBidId, decimal Amount, decimal? Max, PlaceBidResult? Result, Exception? Error);
}
