using System.Net;
using LeadMarket.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace LeadMarket.Web.Tests.Integration;

public sealed class HubAuthenticationTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Theory]
    [InlineData("key-that-was-never-issued")]
    [InlineData("")]
    public async Task The_hub_refuses_a_connection_without_a_valid_key(string key)
    {
        await using var connection = market.App.HubConnectionWithKey(key);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
    }

    [Fact]
    public async Task The_hub_refuses_a_publisher_key()
    {
        await using var connection = market.App.HubConnection("publisher1");

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task The_hub_accepts_a_buyers_key()
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        await using var bidder = await HubBidder.ConnectAsync(market.App, buyer);

        var snapshot = await bidder.JoinRoomAsync(await TestListings.RoomIdAsync(market.App.Services));

        Assert.Equal(HubConnectionState.Connected, bidder.Connection.State);
        Assert.Equal("Insurance", snapshot.Vertical);
    }
}
