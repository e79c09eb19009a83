using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;

namespace LeadMarket.Infrastructure.Tests.Auctions;

/// <summary>How bids reach the writer from callers on any thread, and in what order their events leave.</summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class WriterThreadsTests(SqliteMarket market)
{
    [Fact]
    public async Task A_bid_placed_from_a_blocked_synchronization_context_is_decided_without_posting_to_it()
    {
        var buyer = await market.CreateBuyerAsync("ui-thread", 1_000m);
        var lot = await TestListings.ListLotAsync(market.Services);
        var context = new RefusingContext();
        var previous = SynchronizationContext.Current;
        SynchronizationContext? seenByHandler = context;
        using var subscription = market.Notifier.SubscribeAll(e =>
        {
            if (e.LotId == lot.LotId)
            {
                seenByHandler = SynchronizationContext.Current;
            }

            return Task.CompletedTask;
        });

        Task<PlaceBidResult> placed;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            // A Blazor circuit waiting on this call must not be asked to run any part of the write or its events.
            placed = market.Writer.PlaceBidAsync(new PlaceBidCommand(buyer, lot.LotId, 10m, null, "ctx-1"));
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }

        var result = await placed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(result.Accepted, result.Rejection?.Message);
        Assert.Equal(0, context.Posts);
        Assert.NotSame(context, seenByHandler);
    }

    [Fact]
    public async Task Bids_racing_from_many_threads_are_each_decided_once_in_one_sequence()
    {
        var buyers = new List<string>();
        for (var i = 0; i < 16; i++)
        {
            buyers.Add(await market.CreateBuyerAsync($"racer-{i}", 100_000m));
        }

        var lot = await TestListings.ListLotAsync(market.Services, reserve: 10m);
        market.Time.SetUtcNow(lot.EndsAt.AddSeconds(-120));
        using var events = new EventLog(market.Notifier);
        using var start = new ManualResetEventSlim();
        // Each racer bids the minimum it was last told, as a fast bidder watching the room would.
        var tasks = buyers.Select(buyer => Task.Run(async () =>
        {
            start.Wait();
            var answers = new List<PlaceBidResult>();
            var amount = 10m;
            for (var k = 0; k < 8; k++)
            {
                var answer = await market.Writer.PlaceBidAsync(new PlaceBidCommand(buyer, lot.LotId, amount, null, $"race-{buyer}-{k}"));
                answers.Add(answer);
                amount = Math.Max(amount, answer.MinimumBid);
            }

            return answers;
        })).ToList();
        start.Set();
        var results = (await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(30))).SelectMany(a => a).ToList();

        // A leading buyer's higher bid only raises their hidden maximum: accepted, but no visible bid.
        var lastSequence = results.Max(r => r.Sequence);
        Assert.True(lastSequence > 1, string.Join(", ", results.GroupBy(r => r.Rejection?.Code.ToString() ?? "accepted").Select(g => $"{g.Key} {g.Count()}")));
        var announced = await events.WaitForAsync<BidAcceptedEvent>(lot.LotId, (int)lastSequence);
        Assert.Equal(Enumerable.Range(1, announced.Count).Select(i => (long)i), announced.Select(e => e.Sequence));
        Assert.Equal(lastSequence, announced[^1].Sequence);
        Assert.All(results, r => Assert.True(r.Accepted || r.Rejection?.Code is BidRejectionCode.TooLow or BidRejectionCode.AlreadyLeading, r.Rejection?.Message));
    }

    private sealed class RefusingContext : SynchronizationContext
    {
        private int posts;

        public int Posts => posts;

        public override void Post(SendOrPostCallback d, object? state) => Interlocked.Increment(ref posts);

        public override void Send(SendOrPostCallback d, object? state) => Interlocked.Increment(ref posts);
    }
}
