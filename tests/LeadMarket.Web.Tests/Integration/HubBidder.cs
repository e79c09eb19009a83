using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization;
using LeadMarket.Testing;
using LeadMarket.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>
/// A buyer's system on the live hub: a real SignalR .NET client over loopback that records every event it gets
/// (BidAccepted also in its raw JSON, to check what goes over the wire).
/// </summary>
public sealed class HubBidder : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly ConcurrentQueue<BidAcceptedMessage> bidsAccepted = new();
    private readonly ConcurrentQueue<string> bidsAcceptedJson = new();
    private readonly ConcurrentQueue<LotClosedMessage> lotsClosed = new();
    private readonly ConcurrentQueue<int> closedAfter = new();
    private readonly ConcurrentQueue<int> frames = new();

    private HubBidder(TestBuyer? buyer, HubConnection connection)
    {
        Buyer = buyer;
        Connection = connection;
        connection.On<JsonElement>(nameof(IAuctionClient.BidAccepted), RecordBid);
        connection.On<JsonElement>(nameof(IAuctionClient.BidsAccepted), raw =>
        {
            frames.Enqueue(raw.GetArrayLength());
            foreach (var item in raw.EnumerateArray())
            {
                RecordBid(item);
            }
        });
        connection.On<LotClosedMessage>(nameof(IAuctionClient.LotClosed), closed =>
        {
            lotsClosed.Enqueue(closed);
            closedAfter.Enqueue(bidsAccepted.Count(b => b.LotId == closed.LotId));
        });
    }

    /// <summary>Raised for every BidAccepted the connection receives (on SignalR's receive thread).</summary>
    public event Action<BidAcceptedMessage>? BidAccepted;

    public TestBuyer? Buyer { get; }

    public HubConnection Connection { get; }

    public IReadOnlyList<BidAcceptedMessage> BidsAccepted => [.. bidsAccepted];

    public IReadOnlyList<string> BidsAcceptedJson => [.. bidsAcceptedJson];

    public IReadOnlyList<LotClosedMessage> LotsClosed => [.. lotsClosed];

    /// <summary>Per LotClosed received: how many bids of that lot had arrived before it.</summary>
    public IReadOnlyList<int> BidsBeforeClosed => [.. closedAfter];

    /// <summary>The size of every BidsAccepted frame received (batched watchers).</summary>
    public IReadOnlyList<int> Frames => [.. frames];

    public static async Task<HubBidder> ConnectAsync(MarketApplication app, TestBuyer buyer)
    {
        var bidder = new HubBidder(buyer, app.HubConnectionWithKey(buyer.ApiKey));
        await bidder.Connection.StartAsync();
        return bidder;
    }

    public static async Task<IReadOnlyList<HubBidder>> ConnectAllAsync(MarketApplication app, IEnumerable<TestBuyer> buyers) =>
        await Task.WhenAll(buyers.Select(b => ConnectAsync(app, b)));

    public Task<RoomSnapshotMessage> JoinRoomAsync(Guid roomId) =>
        Connection.InvokeAsync<RoomSnapshotMessage>(nameof(AuctionHub.JoinRoom), roomId);

    public Task<RoomSnapshotMessage> JoinRoomBatchedAsync(Guid roomId) =>
        Connection.InvokeAsync<RoomSnapshotMessage>(nameof(AuctionHub.JoinRoomBatched), roomId);

    public Task<PlaceBidResponse> BidAsync(Guid lotId, decimal amount, decimal? maxAmount = null, string? clientBidId = null) =>
        BidAsync(new PlaceBidRequest(lotId, amount, maxAmount, clientBidId ?? Guid.NewGuid().ToString("N")));

    public Task<PlaceBidResponse> BidAsync(PlaceBidRequest request) =>
        Connection.InvokeAsync<PlaceBidResponse>(nameof(AuctionHub.PlaceBid), request);

    public IReadOnlyList<BidAcceptedMessage> BidsOn(Guid lotId) => [.. bidsAccepted.Where(m => m.LotId == lotId)];

    public ValueTask DisposeAsync() => Connection.DisposeAsync();

    private void RecordBid(JsonElement raw)
    {
        bidsAcceptedJson.Enqueue(raw.GetRawText());
        var message = raw.Deserialize<BidAcceptedMessage>(Json)!;
        bidsAccepted.Enqueue(message);
        BidAccepted?.Invoke(message);
    }
}
