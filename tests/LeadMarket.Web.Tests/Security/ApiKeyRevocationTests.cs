using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Security;
using LeadMarket.Web.Tests.Integration;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Security;

/// <summary>Revoking a key ends the access of a hub connection that is already open with it.</summary>
public sealed class ApiKeyRevocationTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private MarketApplication App => market.App;

    private ApiKeyService Keys => App.Services.GetRequiredService<ApiKeyService>();

    [Fact]
    public async Task Revoking_a_key_on_this_node_closes_its_hub_connection_and_refuses_its_next_bid()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(App.Services);
        await using var bidder = await HubBidder.ConnectAsync(App, buyer);
        var closed = Closed(bidder.Connection);
        Assert.True((await bidder.BidAsync(lot.LotId, 10m)).Accepted);

        Assert.True(await Keys.RevokeAsync(buyer.UserId, await KeyIdAsync(buyer)));
        var after = "after-revoke-" + Guid.NewGuid().ToString("N");

        await Assert.ThrowsAnyAsync<Exception>(() => bidder.BidAsync(lot.LotId, 11m, clientBidId: after));
        await closed.WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(HubConnectionState.Disconnected, bidder.Connection.State);
        await AssertNoBidAsync(after);
    }

    [Fact]
    public async Task A_key_revoked_by_another_node_closes_the_hub_connection_here_within_the_sweep_interval()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(App.Services);
        await using var bidder = await HubBidder.ConnectAsync(App, buyer);
        var closed = Closed(bidder.Connection);
        Assert.True((await bidder.BidAsync(lot.LotId, 10m)).Accepted);

        // Another node's ApiKeyService writes the revocation to the shared database; this node's is not told.
        var keyId = await KeyIdAsync(buyer);
        await using (var db = App.Db())
        {
            var key = await db.ApiKeys.SingleAsync(k => k.Id == keyId);
            key.RevokedAt = DateTimeOffset.UtcNow;
            await db.SaveChangesAsync();
        }

        await closed.WaitAsync(ApiKeyHubGuard.SweepInterval * 2 + TimeSpan.FromSeconds(10));
        var after = "after-remote-revoke-" + Guid.NewGuid().ToString("N");
        await Assert.ThrowsAnyAsync<Exception>(() => bidder.BidAsync(lot.LotId, 11m, clientBidId: after));
        await AssertNoBidAsync(after);
    }

    [Fact]
    public async Task Revoking_one_key_leaves_the_connection_of_the_buyers_other_key_open()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 10m);
        var buyer = await TestBuyers.CreateOneAsync(App.Services);
        var other = buyer with { ApiKey = "other-" + Guid.NewGuid().ToString("N") };
        await Keys.AddAsync(buyer.UserId, "second", other.ApiKey);
        await using var revokedBidder = await HubBidder.ConnectAsync(App, buyer);
        await using var keptBidder = await HubBidder.ConnectAsync(App, other);
        var closed = Closed(revokedBidder.Connection);

        Assert.True(await Keys.RevokeAsync(buyer.UserId, await KeyIdAsync(buyer)));
        await closed.WaitAsync(Eventually.DefaultTimeout);

        Assert.True((await keptBidder.BidAsync(lot.LotId, 10m)).Accepted);
        Assert.Equal(HubConnectionState.Connected, keptBidder.Connection.State);
    }

    private static Task Closed(HubConnection connection)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        return closed.Task;
    }

    private async Task<Guid> KeyIdAsync(TestBuyer buyer)
    {
        var hash = ApiKeyService.Hash(buyer.ApiKey);
        await using var db = App.Db();
        return await db.ApiKeys.Where(k => k.Hash == hash).Select(k => k.Id).SingleAsync();
    }

    private async Task AssertNoBidAsync(string clientBidId)
    {
        await using var db = App.Db();
        Assert.False(await db.Bids.AnyAsync(b => b.ClientBidId == clientBidId));
    }
}
