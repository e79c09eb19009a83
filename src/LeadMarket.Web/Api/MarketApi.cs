using System.ComponentModel;
using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Hubs;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadMarket.Web.Api;

/// <summary>REST under /api/v1 (DESIGN §6). Ownership is part of every query: someone else's id answers 404.</summary>
public static class MarketApi
{
    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var buyers = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Buyer)).WithTags("Buyers");
        buyers.MapGet("/purchases", ListPurchases).WithName("ListPurchases")
            .WithSummary("List your purchases, oldest first, from a cursor.")
            .WithDescription(
                "Pages through the purchases of the key's buyer account in a fixed order (time of purchase, then purchase id), oldest first. " +
                "Send no `after` to start at the oldest purchase; then send the `next` of each answer as `after` of the following request. " +
                "`next` is always present: when there is nothing new it continues from the same place, so a system that keeps the last `next` " +
                "and polls with it sees every purchase exactly once, in order. " +
                $"Only purchases at least {VisibilityHorizonText} old are listed, so that purchases committed a moment after their timestamp " +
                "(on another node, in the same millisecond) are not passed over. " +
                $"`limit` is 1 to {PurchasedLeads.MaxLimit}, {PurchasedLeads.DefaultLimit} if left out. Items carry no personal data; " +
                "read the full lead with GET /api/v1/leads/{id}.");
        buyers.MapGet("/leads/{id:guid}", GetLead).WithName("GetLead")
            .WithSummary("Read a lead you bought, with contact data and consent evidence.")
            .WithDescription("Answers the full lead of one of your purchases. A lead you did not buy answers 404, the same as an id that does not exist.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        buyers.MapPost("/bids", PlaceBid).WithName("PlaceBid")
            .WithSummary("Place a bid on an open lot.")
            .WithDescription(
                "Bids `amount` (and, optionally, a proxy maximum `maxAmount`) on the lot. The same `clientBidId` sent twice is one bid. " +
                "A bid the auction does not take answers 422 with the reason and the lot's current state.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapGet("/rooms", ListRooms).WithName("ListRooms").RequireAuthorization(p => p.RequireRole(Roles.Buyer, Roles.Admin)).WithTags("Buyers")
            .WithSummary("List the active auction rooms.")
            .WithDescription("Answers every active room with its vertical, region, currency and the number of lots open in it now.");
        api.MapGet("/rooms/{id:guid}", GetRoom).WithName("GetRoom").RequireAuthorization(p => p.RequireRole(Roles.Buyer, Roles.Admin)).WithTags("Buyers")
            .WithSummary("Read a room with its open lots.")
            .WithDescription("Answers the room's open lots as anonymized cards and, for a buyer, where the buyer stands on each lot.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static string VisibilityHorizonText => $"{PurchasedLeads.VisibilityHorizon.TotalSeconds:0} seconds";

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has no user id.");

    private static async Task<Ok<IReadOnlyList<RoomSummary>>> ListRooms(RoomQueries rooms, CancellationToken ct) =>
        TypedResults.Ok(await rooms.ListRoomsAsync(ct));

    private static async Task<Results<Ok<RoomSnapshot>, ProblemHttpResult>> GetRoom(Guid id, ClaimsPrincipal user, RoomQueries rooms, CancellationToken ct)
    {
        var snapshot = await rooms.GetRoomAsync(id, user.IsInRole(Roles.Buyer) ? UserId(user) : null, ct);
        return snapshot is null
            ? NotFoundProblem("The room was not found.", $"There is no active room with the id {id}.")
            : TypedResults.Ok(snapshot);
    }

    /// <summary>A page of purchases and the cursor to send as <c>after</c> next time.</summary>
    /// <param name="Items">The purchases after the cursor, oldest first.</param>
    /// <param name="Next">The cursor to send next time; when nothing was new, one that continues from the same place.</param>
    public sealed record PurchasesPage(IReadOnlyList<PurchaseSummary> Items, string Next);

    private static async Task<Results<Ok<PurchasesPage>, ValidationProblem>> ListPurchases(
        [Description("The `next` of your previous answer. Leave it out to start at your oldest purchase.")] string? after,
        [Description("How many purchases to answer at most: 1 to 1000, 100 if left out.")] int? limit,
        ClaimsPrincipal user,
        PurchasedLeads leads,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var cursor = PurchaseCursor.Start;
        if (!string.IsNullOrEmpty(after) && !PurchaseCursor.TryDecode(after, out cursor))
        {
            errors["after"] = ["The query parameter 'after' is not a cursor this API issued. Send the 'next' value of an earlier answer unchanged, or leave 'after' out to start at the oldest purchase."];
        }

        if (limit is < 1 or > PurchasedLeads.MaxLimit)
        {
            errors["limit"] = [$"The query parameter 'limit' must be between 1 and {PurchasedLeads.MaxLimit}; it was {limit}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors,
                title: "The purchases could not be listed: a query parameter is not valid.",
                detail: string.Join(" ", errors.Values.SelectMany(e => e)));
        }

        var page = await leads.ListAsync(UserId(user), cursor, limit ?? PurchasedLeads.DefaultLimit, ct);
        return TypedResults.Ok(new PurchasesPage(page.Items, page.Next.Encode()));
    }

    private static async Task<Results<Ok<PurchasedLead>, ProblemHttpResult>> GetLead(Guid id, ClaimsPrincipal user, PurchasedLeads leads, CancellationToken ct)
    {
        var lead = await leads.GetAsync(UserId(user), id, ct);
        return lead is null
            ? NotFoundProblem("The lead was not found.", $"You have not bought a lead with the id {id}.")
            : TypedResults.Ok(lead);
    }

    private static async Task<Results<Ok<PlaceBidResponse>, UnprocessableEntity<PlaceBidResponse>>> PlaceBid(
        PlaceBidRequest request, ClaimsPrincipal user, BidService bids, BidRejectionText rejections, MarketTimeZones zones, CancellationToken ct)
    {
        var placed = await bids.PlaceBidAsync(new PlaceBidCommand(UserId(user), request.LotId, request.Amount, request.MaxAmount, request.ClientBidId), ct);
        // The reason follows the request's language (Accept-Language); the code is the same in every language.
        var result = PlaceBidResponse.From(placed, placed.Rejection is { } rejection ? rejections.For(rejection, new MarketFormat(zones.For(user))) : null);
        return result.Accepted ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    private static ProblemHttpResult NotFoundProblem(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);
}
