using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Integration;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Api;

/// <summary>
/// GET /api/v1/purchases?after=&amp;limit= (DESIGN §6): a system that follows <c>next</c> sees every purchase once, oldest
/// first, even thousands made in one millisecond, and a bad cursor or limit is a problem that names the parameter.
/// </summary>
public sealed class PurchaseSyncTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Theory]
    [InlineData(100)]
    [InlineData(1000)]
    public async Task Paging_sees_each_of_2500_purchases_of_one_millisecond_exactly_once_in_order(int limit)
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        var other = await TestBuyers.CreateOneAsync(market.App.Services);
        var sameMillisecond = Millisecond(market.Clock.GetUtcNow().AddMinutes(-10));
        var bought = await PurchasesAsync(buyer.UserId, Enumerable.Repeat(sameMillisecond, 2500)
            .Prepend(sameMillisecond.AddMilliseconds(-1))
            .Append(sameMillisecond.AddMilliseconds(1)));
        await PurchasesAsync(other.UserId, Enumerable.Repeat(sameMillisecond, 3));
        var expected = await OrderedLotsAsync(buyer.UserId);
        Assert.Equal(bought.Order(), expected.Order());

        using var api = buyer.ApiClient(market.App);
        var seen = new List<Guid>();
        string? next = null;
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages <= expected.Count / limit + 1, "paging does not end");
            var page = await PageAsync(api, next, limit);
            Assert.True(page.Items.Count <= limit);
            seen.AddRange(page.Items.Select(i => i.GetProperty("lotId").GetGuid()));
            var times = page.Items.Select(i => i.GetProperty("purchasedAt").GetDateTimeOffset()).ToList();
            Assert.Equal(times.Order(), times);
            next = page.Next;
            if (page.Items.Count == 0)
            {
                break;
            }
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task An_empty_page_keeps_next_and_the_same_next_then_brings_what_came_later()
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        using var api = buyer.ApiClient(market.App);

        var empty = await PageAsync(api, after: null, limit: null);
        Assert.Empty(empty.Items);
        Assert.False(string.IsNullOrEmpty(empty.Next));
        Assert.Equal(empty.Next, (await PageAsync(api, empty.Next, null)).Next);

        var first = await PurchasesAsync(buyer.UserId, [Millisecond(market.Clock.GetUtcNow().AddMinutes(-5))]);
        var page = await PageAsync(api, empty.Next, null);
        Assert.Equal(first, page.Items.Select(i => i.GetProperty("lotId").GetGuid()));

        var caughtUp = await PageAsync(api, page.Next, null);
        Assert.Empty(caughtUp.Items);
        Assert.Equal(page.Next, caughtUp.Next);

        var second = await PurchasesAsync(buyer.UserId, [Millisecond(market.Clock.GetUtcNow().AddMinutes(-4))]);
        var later = await PageAsync(api, caughtUp.Next, null);
        Assert.Equal(second, later.Items.Select(i => i.GetProperty("lotId").GetGuid()));
    }

    [Fact]
    public async Task A_purchase_younger_than_the_visibility_horizon_waits_so_one_committed_later_in_the_same_millisecond_is_not_passed()
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        using var api = buyer.ApiClient(market.App);
        var at = Millisecond(market.Clock.GetUtcNow());
        var early = await PurchasesAsync(buyer.UserId, [at]);

        var before = await PageAsync(api, null, null);
        Assert.Empty(before.Items);

        // Another node commits a purchase of the same millisecond a moment later.
        var late = await PurchasesAsync(buyer.UserId, [at]);
        market.Clock.Advance(PurchasedLeads.VisibilityHorizon);

        var page = await PageAsync(api, before.Next, null);
        Assert.Equal(early.Concat(late).Order(), page.Items.Select(i => i.GetProperty("lotId").GetGuid()).Order());
        Assert.Empty((await PageAsync(api, page.Next, null)).Items);
    }

    [Theory]
    [InlineData("not-a-cursor")]
    [InlineData("AQ==")]
    [InlineData("Ag")]
    [InlineData("AQID")]
    public async Task A_cursor_this_api_did_not_issue_is_a_problem_naming_after(string after)
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        using var api = buyer.ApiClient(market.App);

        using var response = await api.GetAsync($"/api/v1/purchases?after={Uri.EscapeDataString(after)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("after", problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Contains("'after'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-5")]
    [InlineData("many")]
    public async Task A_limit_outside_1_to_1000_is_a_problem_naming_limit(string limit)
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        using var api = buyer.ApiClient(market.App);

        using var response = await api.GetAsync($"/api/v1/purchases?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("limit", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_limit_a_page_holds_100_purchases()
    {
        var buyer = await TestBuyers.CreateOneAsync(market.App.Services);
        await PurchasesAsync(buyer.UserId, Enumerable.Repeat(Millisecond(market.Clock.GetUtcNow().AddMinutes(-3)), 101));
        using var api = buyer.ApiClient(market.App);

        var first = await PageAsync(api, null, null);
        Assert.Equal(PurchasedLeads.DefaultLimit, first.Items.Count);
        Assert.Single((await PageAsync(api, first.Next, null)).Items);
    }

    private sealed record Page(IReadOnlyList<JsonElement> Items, string Next);

    private static async Task<Page> PageAsync(HttpClient api, string? after, int? limit)
    {
        var query = new List<string>();
        if (after is not null)
        {
            query.Add($"after={Uri.EscapeDataString(after)}");
        }

        if (limit is not null)
        {
            query.Add($"limit={limit}");
        }

        using var response = await api.GetAsync("/api/v1/purchases" + (query.Count > 0 ? "?" + string.Join('&', query) : ""));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Page([.. body.GetProperty("items").EnumerateArray()], body.GetProperty("next").GetString()!);
    }

    private static DateTimeOffset Millisecond(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());

    /// <summary>
    /// Stores one purchase per time given, each of a lot of its own, straight into the database: a listed lot of a
    /// real lead, and closed copies of it for the rest (a buyer holds one purchase per lot). Answers the lots.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> PurchasesAsync(string buyerId, IEnumerable<DateTimeOffset> times)
    {
        var listed = await TestListings.ListLotAsync(market.App.Services);
        await using var db = market.App.Db();
        var template = await db.Lots.AsNoTracking().SingleAsync(l => l.Id == listed.LotId);
        var lots = new List<Guid>();
        foreach (var at in times)
        {
            var lot = new Lot
            {
                RoomId = template.RoomId,
                LeadId = template.LeadId,
                BatchId = template.BatchId,
                PublisherId = template.PublisherId,
                SaleMode = template.SaleMode,
                ReservePrice = template.ReservePrice,
                Increment = template.Increment,
                OpenedAt = at.AddMinutes(-5),
                EndsAt = at,
                ClosedAt = at,
                Status = LotStatus.Closed,
                Outcome = LotOutcome.Sold,
            };
            db.Lots.Add(lot);
            db.Purchases.Add(new Purchase { LotId = lot.Id, LeadId = lot.LeadId, BuyerId = buyerId, Price = 12.5m, PurchasedAt = at, UnlockedAt = at });
            lots.Add(lot.Id);
        }

        await db.SaveChangesAsync();
        return lots;
    }

    /// <summary>The buyer's lots in the total order the cursor follows: purchase time, then purchase id, as the database orders them.</summary>
    private async Task<IReadOnlyList<Guid>> OrderedLotsAsync(string buyerId)
    {
        await using var db = market.App.Db();
        return await db.Purchases.Where(p => p.BuyerId == buyerId).OrderBy(p => p.UnlockedAt).ThenBy(p => p.Id).Select(p => p.LotId).ToListAsync();
    }
}
