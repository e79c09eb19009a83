using System.Collections.Concurrent;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Data;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>The outbox on PostgreSQL with two nodes, and the writer's statements really prepared there.</summary>
public sealed class TwoNodeOutboxTests(TwoNodeMarket market) : IClassFixture<TwoNodeMarket>
{
    [Fact]
    public async Task Both_nodes_workers_racing_over_settled_purchases_unlock_each_once()
    {
        var (nodeA, nodeB) = (market.A, market.B);
        var unlocks = new ConcurrentQueue<LeadUnlockedEvent>();
        using var onA = nodeA.Services.GetRequiredService<LeadUnlockNotifier>().SubscribeAll(Record);
        using var onB = nodeB.Services.GetRequiredService<LeadUnlockNotifier>().SubscribeAll(Record);
        var buyers = await TestBuyers.CreateAsync(nodeA.Services, 2, 100_000m, "outbox");
        var lots = await TestListings.ListLotsAsync(nodeA.Services, 20);
        for (var i = 0; i < lots.Count; i++)
        {
            var node = market.Nodes[i % 2];
            Assert.True((await node.Bids.PlaceBidAsync(new PlaceBidCommand(buyers[i % 2].UserId, lots[i].LotId, 20m, null, $"outbox-{i}"))).Accepted);
        }

        // Both nodes close, and both workers are woken for every close (their poll, with this clock's timers stopped).
        market.Clock.SetUtcNow(lots.Max(l => l.EndsAt));
        var signals = market.Nodes.Select(n => n.Services.GetRequiredService<OutboxSignal>()).ToList();
        await Task.WhenAll(lots.Select(async (lot, i) =>
        {
            await market.Nodes[i % 2].Writer.CloseAsync(lot.LotId);
            signals.ForEach(s => s.Notify());
        }));

        var lotIds = lots.Select(l => l.LotId).ToList();
        await Eventually.TrueAsync(() => unlocks.Count(u => lotIds.Contains(u.LotId)) >= lots.Count, "both workers to unlock every purchase");
        await using var db = MarketServices.Db(nodeA.Services);
        var purchases = await db.Purchases.AsNoTracking().Where(p => lotIds.Contains(p.LotId)).ToListAsync();
        Assert.Equal(lots.Count, purchases.Count);
        Assert.All(purchases, p => Assert.NotNull(p.UnlockedAt));
        var ours = unlocks.Where(u => lotIds.Contains(u.LotId)).ToList();
        Assert.Equal(purchases.Select(p => p.Id).Order(), ours.Select(u => u.PurchaseId).Order());
        var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Type == PurchaseSettled.Type).ToListAsync();
        var ourMessages = messages.Where(m => lotIds.Contains(PurchaseSettled.Read(m.Payload).LotId)).ToList();
        Assert.Equal(lots.Count, ourMessages.Count);
        Assert.All(ourMessages, m => Assert.Equal((true, 1), (m.CompletedAt is not null, m.Attempts)));

        Task Record(LeadUnlockedEvent e)
        {
            unlocks.Enqueue(e);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Two_nodes_racing_over_200_rows_on_postgres_handle_each_row_exactly_once()
    {
        var type = $"test.pg-race.{Guid.NewGuid():N}";
        var now = market.Clock.GetUtcNow();
        await using (var db = MarketServices.Db(market.A.Services))
        {
            for (var i = 0; i < 200; i++)
            {
                db.OutboxMessages.Add(new OutboxMessage { Type = type, Payload = "{}", CreatedAt = now, AvailableAt = now });
            }

            await db.SaveChangesAsync();
        }

        var handled = new ConcurrentDictionary<Guid, int>();
        var processors = market.Nodes.Select(node => new OutboxProcessor(
            node.Services.GetRequiredService<IDbContextFactory<MarketDbContext>>(),
            [new Outbox.TestHandler(type, (m, _) => Task.FromResult(handled.AddOrUpdate(m.Id, 1, (_, n) => n + 1)))],
            market.Clock, new OutboxOptions { BatchSize = 20 }, NullLogger.Instance, $"pg-{node.Name}")).ToList();

        var counts = await Task.WhenAll(processors.Select(p => Task.Run(() => p.ProcessDueAsync(CancellationToken.None))));

        Assert.Equal(200, counts.Sum());
        Assert.Equal(200, handled.Count);
        Assert.All(handled, entry => Assert.Equal(1, entry.Value));
    }

    [Fact]
    public async Task The_writers_statements_are_prepared_on_postgres_and_prepared_again_after_a_reconnect()
    {
        string connectionString;
        await using (var db = MarketServices.Db(market.A.Services))
        {
            connectionString = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString;
        }

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var sql = new WriterSql(connection, sqlite: false);
        _ = new AuctionStateSql(sql);
        _ = new PlaceBidSql(sql);
        _ = new CloseLotSql(sql);
        const int statements = 3 + 4 + 4;

        await sql.PrepareConnectionAsync(CancellationToken.None);
        Assert.Equal(statements, await PreparedAsync(connection));

        // The server session ends (as when the database restarts): a new session has nothing prepared until the
        // writer prepares it again.
        await using (var killer = new NpgsqlConnection(connectionString))
        {
            await killer.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", killer) { Parameters = { new("pid", connection.ProcessID) } };
            await kill.ExecuteScalarAsync();
        }

        await Assert.ThrowsAnyAsync<Exception>(() => PreparedAsync(connection));
        await connection.CloseAsync();
        await connection.OpenAsync();
        Assert.Equal(0, await PreparedAsync(connection));
        await sql.PrepareConnectionAsync(CancellationToken.None);
        Assert.Equal(statements, await PreparedAsync(connection));
    }

    private static async Task<long> PreparedAsync(NpgsqlConnection connection)
    {
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
