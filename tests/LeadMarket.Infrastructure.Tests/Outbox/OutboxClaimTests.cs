using System.Collections.Concurrent;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Infrastructure.Tests.Support;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace LeadMarket.Infrastructure.Tests.Outbox;

/// <summary>
/// Claims on the shared SQLite market. Each test writes rows of a message type of its own, which the app's own
/// worker has no handler for and so never claims: only the test's processors (two "nodes" on one database) do.
/// </summary>
[Collection(SqliteMarketCollection.Name)]
public sealed class OutboxClaimTests(SqliteMarket market)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Two_nodes_racing_over_200_rows_handle_each_row_exactly_once()
    {
        var type = NewType("race");
        var ids = await AddMessagesAsync(type, 200);
        var handled = new ConcurrentDictionary<Guid, int>();
        var handler = new TestHandler(type, async (message, _) =>
        {
            handled.AddOrUpdate(message.Id, 1, (_, n) => n + 1);
            await Task.Yield();
        });
        var a = Processor("node-a", handler);
        var b = Processor("node-b", handler);

        var counts = await Task.WhenAll(Task.Run(() => a.ProcessDueAsync(CancellationToken.None)), Task.Run(() => b.ProcessDueAsync(CancellationToken.None)));

        Assert.Equal(200, counts[0] + counts[1]);
        Assert.Equal(ids.Order(), handled.Keys.Order());
        Assert.All(handled, entry => Assert.Equal(1, entry.Value));
        await using var db = market.App.Db();
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == type).ToListAsync();
        Assert.All(rows, row => Assert.Equal((true, 1), (row.CompletedAt is not null, row.Attempts)));
    }

    [Fact]
    public async Task A_claimed_row_is_taken_by_another_node_once_its_lease_has_passed()
    {
        var type = NewType("lease");
        var id = Assert.Single(await AddMessagesAsync(type, 1));
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stuck = Processor("node-stuck", new TestHandler(type, async (_, _) =>
        {
            entered.TrySetResult();
            await release.Task;
        }));
        var handledByOther = 0;
        var other = Processor("node-other", new TestHandler(type, (_, _) =>
        {
            Interlocked.Increment(ref handledByOther);
            return Task.CompletedTask;
        }));

        var stuckPass = Task.Run(() => stuck.ProcessDueAsync(CancellationToken.None));
        await entered.Task.WaitAsync(Patience);
        Assert.Equal(0, await other.ProcessDueAsync(CancellationToken.None)); // the claim holds

        market.Time.Advance(new OutboxOptions().Lease + TimeSpan.FromSeconds(1));
        Assert.Equal(1, await other.ProcessDueAsync(CancellationToken.None));

        // The first node wakes up late: its completion no longer lands, the row stays the other node's.
        release.SetResult();
        Assert.Equal(0, await stuckPass.WaitAsync(Patience));
        Assert.Equal(1, handledByOther);
        await using var db = market.App.Db();
        var row = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
        Assert.Equal(("node-other", 2, true), (row.ClaimedBy, row.Attempts, row.CompletedAt is not null));
    }

    [Fact]
    public async Task A_failed_row_is_recorded_and_retried_after_its_backoff()
    {
        var type = NewType("retry");
        var id = Assert.Single(await AddMessagesAsync(type, 1));
        var calls = 0;
        var processor = Processor("node-retry", new TestHandler(type, (_, _) =>
            Interlocked.Increment(ref calls) == 1 ? throw new InvalidOperationException("first try refused by the test") : Task.CompletedTask));

        Assert.Equal(0, await processor.ProcessDueAsync(CancellationToken.None));
        await using (var db = market.App.Db())
        {
            var failed = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Null(failed.CompletedAt);
            Assert.Null(failed.ClaimedUntil);
            Assert.Equal(1, failed.Attempts);
            Assert.Equal("InvalidOperationException: first try refused by the test", failed.LastError);
            Assert.Equal(Db.Millis(market.Time.GetUtcNow() + new OutboxOptions().RetryDelay), Db.Millis(failed.AvailableAt));
        }

        Assert.Equal(0, await processor.ProcessDueAsync(CancellationToken.None)); // not yet due
        market.Time.Advance(new OutboxOptions().RetryDelay);
        Assert.Equal(1, await processor.ProcessDueAsync(CancellationToken.None));
        Assert.Equal(2, calls);
        await using (var db = market.App.Db())
        {
            var done = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Equal((true, 2), (done.CompletedAt is not null, done.Attempts));
            Assert.Null(done.LastError);
        }
    }

    private static string NewType(string name) => $"test.{name}.{Guid.NewGuid():N}";

    private OutboxProcessor Processor(string node, IOutboxHandler handler) =>
        new(market.Services.GetRequiredService<IDbContextFactory<MarketDbContext>>(), [handler], market.Time, new OutboxOptions(), NullLogger.Instance, node);

    private async Task<List<Guid>> AddMessagesAsync(string type, int count)
    {
        var now = market.Time.GetUtcNow();
        var ids = new List<Guid>(count);
        await using var db = market.App.Db();
        for (var i = 0; i < count; i++)
        {
            var message = new OutboxMessage { Type = type, Payload = "{}", CreatedAt = now, AvailableAt = now };
            ids.Add(message.Id);
            db.OutboxMessages.Add(message);
        }

        await db.SaveChangesAsync();
        return ids;
    }
}
