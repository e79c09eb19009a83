using AngleSharp.Dom;
using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Auctions;
using LeadMarket.Infrastructure.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using RoomPage = LeadMarket.Web.Components.Auctions.Room;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Components;

[Collection(MarketCollection.Name)]
public sealed class RoomPageTests(MarketFixture market) : BunitTest
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public override Task InitializeAsync()
    {
        UseMarket(market.App);
        RenderInteractively();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Room_page_shows_the_new_price_when_a_bid_is_accepted()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        await SignInAsync("buyer1", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));
        cut.WaitForAssertion(() => Assert.Contains("no bids yet", Price(cut, lot.LotId).TextContent, StringComparison.Ordinal), Patience);

        var rival = await market.App.UserIdAsync("buyer2");
        var result = await market.Services.GetRequiredService<BidService>()
            .PlaceBidAsync(new PlaceBidCommand(rival, lot.LotId, 21.50m, null, null));
        Assert.True(result.Accepted, result.Rejection?.Message);

        cut.WaitForAssertion(() => Assert.Equal("€21.50", Price(cut, lot.LotId).TextContent.Trim()), Patience);
        Assert.Contains("1 bid", Card(cut, lot.LotId).TextContent, StringComparison.Ordinal);
        Assert.Contains("Minimum €22.50", Card(cut, lot.LotId).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Room_page_tells_the_viewer_when_they_lead_are_outbid_and_win()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        var me = await SignInAsync("buyer1", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));
        cut.WaitForAssertion(() => Price(cut, lot.LotId), Patience);
        Assert.Empty(Card(cut, lot.LotId).QuerySelectorAll("[data-testid=my-state]"));

        var notifier = market.Services.GetRequiredService<IAuctionNotifier>();
        var at = DateTimeOffset.UtcNow;
        notifier.Publish(new BidAcceptedEvent(lot.RoomId, lot.LotId, 1, 20m, me, BidderAlias.For(lot.LotId, me), false,
            lot.EndsAt, 21m, 0, [me], at));
        cut.WaitForAssertion(() => Assert.Equal("Leading", MyState(cut, lot.LotId)), Patience);

        notifier.Publish(new BidAcceptedEvent(lot.RoomId, lot.LotId, 2, 23m, "someone-else", "Otter 123", false,
            lot.EndsAt.AddSeconds(30), 24m, 0, ["someone-else"], at));
        cut.WaitForAssertion(() => Assert.Equal("Outbid", MyState(cut, lot.LotId)), Patience);
        Assert.Equal("€23.00", Price(cut, lot.LotId).TextContent.Trim());

        // Replayed or older events change nothing.
        notifier.Publish(new BidAcceptedEvent(lot.RoomId, lot.LotId, 1, 20m, me, BidderAlias.For(lot.LotId, me), false,
            lot.EndsAt, 21m, 0, [me], at));
        notifier.Publish(new BidAcceptedEvent(lot.RoomId, lot.LotId, 3, 25m, me, BidderAlias.For(lot.LotId, me), true,
            lot.EndsAt.AddSeconds(30), 26m, 0, [me], at));
        cut.WaitForAssertion(() => Assert.Equal("€25.00", Price(cut, lot.LotId).TextContent.Trim()), Patience);
        Assert.Equal("Leading", MyState(cut, lot.LotId));

        notifier.Publish(new LotClosedEvent(lot.RoomId, lot.LotId, LotOutcome.Sold, [new WinnerView(me, BidderAlias.For(lot.LotId, me), 25m)], at));
        cut.WaitForAssertion(() =>
        {
            var closed = cut.Find("[data-testid=closed-lots]");
            Assert.NotNull(closed.QuerySelector($"[data-lot-id='{lot.LotId}']"));
            Assert.Equal("Won", MyState(cut, lot.LotId));
        }, Patience);
        Assert.Contains("Sold", Card(cut, lot.LotId).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Room_page_adds_a_lot_listed_while_it_is_open()
    {
        var first = await market.ListLotAsync(MarketFixture.Lead(), room: "trades");
        await SignInAsync("buyer3", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, first.RoomId));
        cut.WaitForAssertion(() => Card(cut, first.LotId), Patience);
        cut.WaitForAssertion(() => Assert.Equal("Live", cut.Find("[data-testid=live-indicator]").TextContent.Trim()), Patience);

        var second = await market.ListLotAsync(MarketFixture.Lead("Bathroom renovation, 7 m², walk-in shower"), room: "trades");

        cut.WaitForAssertion(() => Assert.Contains("Bathroom renovation", Card(cut, second.LotId).TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task A_bid_renders_only_the_card_of_its_lot_again()
    {
        var first = await market.ListLotAsync(MarketFixture.Lead());
        var second = await market.ListLotAsync(MarketFixture.Lead("Heat pump for a detached house, 160 m²"));
        await SignInAsync("buyer1", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, first.RoomId));
        cut.WaitForAssertion(() => Assert.Equal(2, new[] { first.LotId, second.LotId }.Count(id => Card(cut, id) is not null)), Patience);
        cut.WaitForAssertion(() => Assert.Contains("€", cut.Find("[data-testid=available-credit]").TextContent, StringComparison.Ordinal), Patience);
        var cards = cut.FindComponents<LotCard>();
        var bidOn = cards.Single(c => c.Instance.Live.Lot.LotId == first.LotId);
        var other = cards.Single(c => c.Instance.Live.Lot.LotId == second.LotId);
        var (bidOnBefore, otherBefore) = (bidOn.RenderCount, other.RenderCount);

        market.Services.GetRequiredService<IAuctionNotifier>().Publish(new BidAcceptedEvent(first.RoomId, first.LotId, 1, 20m, "someone-else",
            "Otter 0042", false, first.EndsAt, 21m, 0, ["someone-else"], DateTimeOffset.UtcNow));

        cut.WaitForAssertion(() => Assert.Equal("€20.00", Price(cut, first.LotId).TextContent.Trim()), Patience);
        Assert.Equal(bidOnBefore + 1, bidOn.RenderCount);
        Assert.Equal(otherBefore, other.RenderCount);
    }

    [Fact]
    public async Task Room_page_does_not_render_on_a_timer()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        await SignInAsync("buyer2", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));
        cut.WaitForAssertion(() => Assert.Contains("€", cut.Find("[data-testid=available-credit]").TextContent, StringComparison.Ordinal), Patience);
        var renders = cut.RenderCount;

        // Countdowns move in the browser (room.js follows data-ends-at); the server has nothing to redraw.
        await Task.Delay(TimeSpan.FromSeconds(1.5));

        Assert.Equal(renders, cut.RenderCount);
        Assert.NotNull(Card(cut, lot.LotId).QuerySelector("[data-testid=countdown][data-ends-at]"));
        Assert.NotNull(cut.Find("[data-testid=open-lots]").GetAttribute("data-server-now"));
    }

    [Fact]
    public async Task Admin_watches_a_room_without_a_bid_form()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        await SignInAsync("admin", Roles.Admin);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));

        cut.WaitForAssertion(() => Card(cut, lot.LotId), Patience);
        Assert.Empty(cut.FindAll("form.bid-form"));
        Assert.DoesNotContain("Your bid", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("read-only", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=available-credit]"));
    }

    [Fact]
    public async Task Buyer_sees_their_available_credit_in_the_room_header()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        await SignInAsync("buyer3", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));

        cut.WaitForAssertion(() => Assert.Contains("€", cut.Find("[data-testid=available-credit]").TextContent, StringComparison.Ordinal), Patience);
    }

    [Fact]
    public async Task The_open_room_shows_the_new_available_credit_when_an_admin_changes_the_credit_line()
    {
        var lot = await market.ListLotAsync(MarketFixture.Lead());
        var buyer = await TestBuyers.CreateOneAsync(market.Services, creditLimit: 500m, name: "credit");
        SignIn(buyer.UserId, buyer.Email, Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, lot.RoomId));
        cut.WaitForAssertion(() => Assert.Equal("€500.00", AvailableCredit(cut)), Patience);

        await using (var scope = market.Services.CreateAsyncScope())
        {
            Assert.Null(await scope.ServiceProvider.GetRequiredService<AccountAdministration>().SetCreditLimitAsync(buyer.UserId, 750m));
        }

        cut.WaitForAssertion(() => Assert.Equal("€750.00", AvailableCredit(cut)), Patience);
    }

    [Fact]
    public async Task Unknown_room_shows_not_found()
    {
        await SignInAsync("buyer1", Roles.Buyer);
        var cut = Render<RoomPage>(p => p.Add(r => r.RoomId, Guid.NewGuid()));

        cut.WaitForAssertion(() => Assert.Contains("Room not found", cut.Markup, StringComparison.Ordinal), Patience);
    }

    private static string AvailableCredit(IRenderedComponent<RoomPage> cut) =>
        cut.Find("[data-testid=available-credit] .price").TextContent.Trim();

    private static IElement Card(IRenderedComponent<RoomPage> cut, Guid lotId) => cut.Find($"[data-testid=lot-card][data-lot-id='{lotId}']");

    private static IElement Price(IRenderedComponent<RoomPage> cut, Guid lotId) =>
        Card(cut, lotId).QuerySelector("[data-testid=lot-price]") ?? throw new ElementNotFoundException("lot-price");

    private static string MyState(IRenderedComponent<RoomPage> cut, Guid lotId) =>
        Card(cut, lotId).QuerySelector("[data-testid=my-state]")?.TextContent.Trim() ?? "";
}
