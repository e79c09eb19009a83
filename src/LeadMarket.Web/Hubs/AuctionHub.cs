using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.SignalR;

namespace LeadMarket.Web.Hubs;

/// <summary>
/// The live room for buyer systems. Thin: it checks who is calling and hands over to the same use-case services
/// the pages use. Everything it pushes comes from <see cref="AuctionHubBridge"/>.
/// </summary>
[Authorize(Roles = Roles.Buyer + "," + Roles.Admin)]
public sealed class AuctionHub(RoomQueries rooms, BidService bids, TimeProvider time, BidRejectionText rejections, MarketTimeZones zones) : Hub<IAuctionClient>
{
    public const string Path = "/hubs/auction";

    /// <summary>How many calls one connection may have in flight (e.g. bids waiting for their commit).</summary>
    public const int MaxBidsInFlight = 16;

    /// <summary>Joins the room's live group, then answers its current state, so no event falls in a gap.</summary>
    public Task<RoomSnapshotMessage> JoinRoom(Guid roomId) => JoinAsync(roomId, AuctionGroups.Room(roomId));

    /// <summary>
    /// As <see cref="JoinRoom"/>, but accepted bids arrive in frames (<c>BidsAccepted</c>, several bids in one
    /// message) at most once per <see cref="AuctionHubOptions.FrameInterval"/>; the other events arrive as they do for
    /// <see cref="JoinRoom"/>, in order with the bids. For systems that watch busy rooms.
    /// </summary>
    public Task<RoomSnapshotMessage> JoinRoomBatched(Guid roomId) => JoinAsync(roomId, AuctionGroups.BatchedRoom(roomId));

    public async Task LeaveRoom(Guid roomId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AuctionGroups.Room(roomId));
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, AuctionGroups.BatchedRoom(roomId));
    }

    [Authorize(Roles = Roles.Buyer)]
    public async Task<PlaceBidResponse> PlaceBid(PlaceBidRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await bids.PlaceBidAsync(
            new PlaceBidCommand(UserId, request.LotId, request.Amount, request.MaxAmount, request.ClientBidId), Context.ConnectionAborted);
        // The reason in the language the connection was opened with (its cookie, account or Accept-Language).
        var culture = Context.GetHttpContext()?.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture;
        return PlaceBidResponse.From(result, result.Rejection is { } rejection
            ? rejections.For(rejection, new MarketFormat(zones.For(Context.User)), culture)
            : null);
    }

    private async Task<RoomSnapshotMessage> JoinAsync(Guid roomId, string group)
    {
        var buyerId = Context.User?.IsInRole(Roles.Buyer) == true ? UserId : null;
        var exists = await rooms.GetRoomAsync(roomId, buyerId, Context.ConnectionAborted);
        if (exists is null)
        {
            throw new HubException($"There is no open room {roomId}.");
        }

        // Join first and read after: an event between the two is then seen twice (harmless, sequences tell),
        // never lost.
        await Groups.AddToGroupAsync(Context.ConnectionId, group, Context.ConnectionAborted);
        var snapshot = await rooms.GetRoomAsync(roomId, buyerId, Context.ConnectionAborted) ?? exists;
        return new RoomSnapshotMessage(roomId, snapshot.Room.Name, snapshot.Room.Vertical, snapshot.Lots, snapshot.Mine, time.GetUtcNow());
    }

    private string UserId => Context.User?.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new HubException("The connection has no signed-in user.");
}
