using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Domain.Leads;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Leads;
using LeadMarket.Web.Hubs;
using LeadMarket.Web.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LeadMarket.Web.Api;

/// <summary>REST under /api/v1 (DESIGN §6). Ownership is part of every query: someone else's id answers 404.</summary>
public static class MarketApi
{
    public static IEndpointRouteBuilder MapMarketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization().WithTags("Market");

        var buyers = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Buyer));
        buyers.MapGet("/purchases", ListPurchases).WithName("ListPurchases");
        buyers.MapGet("/leads/{id:guid}", GetLead).WithName("GetLead");
        buyers.MapPost("/bids", PlaceBid).WithName("PlaceBid");

        api.MapGet("/rooms", ListRooms).WithName("ListRooms").RequireAuthorization(p => p.RequireRole(Roles.Buyer, Roles.Admin));
        api.MapGet("/rooms/{id:guid}", GetRoom).WithName("GetRoom").RequireAuthorization(p => p.RequireRole(Roles.Buyer, Roles.Admin));

        var publishers = api.MapGroup("").RequireAuthorization(p => p.RequireRole(Roles.Publisher));
        publishers.MapPost("/leads", ListLeads).WithName("ListLeads");
        publishers.MapGet("/batches/{id:guid}", GetBatch).WithName("GetBatch");
        return app;
    }

    private static string UserId(ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("An authorized request has no user id.");

    private static async Task<Ok<IReadOnlyList<RoomSummary>>> ListRooms(RoomQueries rooms, CancellationToken ct) =>
        TypedResults.Ok(await rooms.ListRoomsAsync(ct));

    private static async Task<Results<Ok<RoomSnapshot>, NotFound>> GetRoom(Guid id, ClaimsPrincipal user, RoomQueries rooms, CancellationToken ct)
    {
        var snapshot = await rooms.GetRoomAsync(id, user.IsInRole(Roles.Buyer) ? UserId(user) : null, ct);
        return snapshot is null ? TypedResults.NotFound() : TypedResults.Ok(snapshot);
    }

    private static async Task<Ok<IReadOnlyList<PurchaseSummary>>> ListPurchases(DateTimeOffset? since, ClaimsPrincipal user, PurchasedLeads leads, CancellationToken ct) =>
        TypedResults.Ok(await leads.ListAsync(UserId(user), since, ct));

    private static async Task<Results<Ok<PurchasedLead>, NotFound>> GetLead(Guid id, ClaimsPrincipal user, PurchasedLeads leads, CancellationToken ct)
    {
        var lead = await leads.GetAsync(UserId(user), id, ct);
        return lead is null ? TypedResults.NotFound() : TypedResults.Ok(lead);
    }

    private static async Task<Results<Ok<PlaceBidResponse>, UnprocessableEntity<PlaceBidResponse>>> PlaceBid(
        PlaceBidRequest request, ClaimsPrincipal user, BidService bids, BidRejectionText rejections, MarketTimeZones zones, CancellationToken ct)
    {
        var placed = await bids.PlaceBidAsync(new PlaceBidCommand(UserId(user), request.LotId, request.Amount, request.MaxAmount, request.ClientBidId), ct);
        // The reason follows the request's language (Accept-Language); the code is the same in every language.
        var result = PlaceBidResponse.From(placed, placed.Rejection is { } rejection ? rejections.For(rejection, new MarketFormat(zones.For(user))) : null);
        return result.Accepted ? TypedResults.Ok(result) : TypedResults.UnprocessableEntity(result);
    }

    /// <summary>A publisher's listing through the API: the batch's terms and its leads, all or nothing.</summary>
    public sealed record ListLeadsRequest(string Name, Guid RoomId, SaleMode SaleMode, int Shares, decimal ReservePrice, int DurationSeconds, IReadOnlyList<LeadRequest> Leads);

    public sealed record LeadRequest(
        string FirstName, string LastName, string Email, string Phone, string Street, string PostalCode, string City, string Country,
        string Language, string Need, DateTimeOffset OptInAt, string OptInIp, string? UserAgent, string SourceUrl, string ConsentText,
        DateTimeOffset? ConfirmationSentAt, DateTimeOffset? ConfirmedAt, string? ConfirmedIp);

    public sealed record ListLeadsResponse(Guid BatchId, int Leads);

    private static async Task<Results<Created<ListLeadsResponse>, ValidationProblem>> ListLeads(ListLeadsRequest request, ClaimsPrincipal user, ListingService listing, CancellationToken ct)
    {
        var leads = (request.Leads ?? []).Select(l => new LeadInput(
            l.FirstName ?? "", l.LastName ?? "", l.Email ?? "", l.Phone ?? "", l.Street ?? "", l.PostalCode ?? "", l.City ?? "", (l.Country ?? "").ToUpperInvariant(),
            (l.Language ?? "").ToLowerInvariant(), l.Need ?? "",
            new ConsentEvidence(l.OptInAt, l.OptInIp ?? "", l.UserAgent ?? "", l.SourceUrl ?? "", l.ConsentText ?? "", l.ConfirmationSentAt, l.ConfirmedAt, l.ConfirmedIp))).ToList();
        var result = await listing.ListAsync(UserId(user), new BatchTerms(request.Name ?? "", request.RoomId, request.SaleMode, request.Shares, request.ReservePrice, request.DurationSeconds), leads, ct);
        if (!result.Ok)
        {
            var errors = result.Errors
                .GroupBy(e => e.Row > 0 ? $"leads[{e.Row - 1}].{e.Field}" : e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
            return TypedResults.ValidationProblem(errors, title: "The batch was not listed; nothing of it was stored.");
        }

        return TypedResults.Created($"/api/v1/batches/{result.BatchId}", new ListLeadsResponse(result.BatchId!.Value, leads.Count));
    }

    private static async Task<Results<Ok<BatchDetail>, NotFound>> GetBatch(Guid id, ClaimsPrincipal user, PublisherDesk desk, CancellationToken ct)
    {
        var batch = await desk.GetBatchAsync(UserId(user), id, ct);
        return batch is null ? TypedResults.NotFound() : TypedResults.Ok(batch);
    }
}
