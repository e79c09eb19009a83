using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LeadMarket.Infrastructure.Tests.Postgres;

/// <summary>
/// A node's bid writer keeps one database connection. When the database drops it (restart, failover, a killed
/// backend), the writer reopens it: at most the bids in flight fail, and sent again with the same clientBidId they
/// count once. Its own fixture, because killing backends would disturb the other two-node tests.
/// </summary>
public sealed class WriterReconnectTests(TwoNodeMarket market) : IClassFixture<TwoNodeMarket>
{
    [Fact]
    public async Task A_writer_whose_connection_was_killed_reconnects_and_a_retried_bid_counts_once()
    {
        var node = market.A;
        var buyer = (await TestBuyers.CreateOneAsync(node.Services, 10_000m, "reconnect")).UserId;
        var challenger = (await TestBuyers.CreateOneAsync(node.Services, 10_000m, "reconnect-challenger")).UserId;
        var lot = await TestListings.ListLotAsync(node.Services, reserve: 10m, durationSeconds: 7200);
        Assert.True((await node.Bids.PlaceBidAsync(new PlaceBidCommand(buyer, lot.LotId, 10m, null, "before"))).Accepted);

        var connectionString = node.Services.GetRequiredService<IConfiguration>()["Market:ConnectionString"];
        await using (var admin = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
            Assert.True((long)(await kill.ExecuteScalarAsync())! > 0);
        }

        NpgsqlConnection.ClearAllPools();

        // A buyer's system retries with the same clientBidId until it gets an answer.
        var retry = new PlaceBidCommand(challenger, lot.LotId, 25m, null, "after-the-kill");
        PlaceBidResult? answer = null;
        var errors = 0;
        for (var attempt = 0; attempt < 3 && answer is null; attempt++)
        {
            try
            {
                answer = await node.Bids.PlaceBidAsync(retry);
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                errors++;
            }
        }

        Assert.NotNull(answer);
        Assert.True(answer.Accepted, answer.Rejection?.Message);
        Assert.True(errors <= 1, $"{errors} attempts failed after the connection was killed; only the one in flight may.");

        // Sent once more, it is still one bid.
        var again = await node.Bids.PlaceBidAsync(retry);
        Assert.True(again.Repeated);
        await using var db = MarketServices.Db(node.Services);
        Assert.Equal(1, await db.Bids.CountAsync(b => b.LotId == lot.LotId && b.ClientBidId == "after-the-kill"));
        Assert.Equal(2, await db.Bids.CountAsync(b => b.LotId == lot.LotId));
    }
}
