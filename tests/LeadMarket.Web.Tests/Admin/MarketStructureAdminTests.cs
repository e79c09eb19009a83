using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Admin;

public sealed class MarketStructureAdminTests(MarketFixture market) : AdminTestContext(market), IClassFixture<MarketFixture>
{
    private MarketAdministration Market => App.Services.GetRequiredService<MarketAdministration>();

    [Fact]
    public async Task Editing_a_vertical_saves_reserve_increment_and_return_window()
    {
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("button[aria-label='Edit Solar']").Click();
        page.Find("#edit-reserve").Change("30.50");
        page.Find("#edit-increment").Change("1.25");
        page.Find("#edit-return-days").Change("14");
        page.Find("form[aria-label='Edit vertical']").Submit();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("form[aria-label='Edit vertical']")));
        var solar = (await Market.ListVerticalsAsync()).Single(v => v.Slug == "solar");
        Assert.Equal((30.50m, 1.25m, 14), (solar.DefaultReservePrice, solar.MinimumIncrement, solar.ReturnWindowDays));
        Assert.Empty(page.FindAll("[data-testid=vertical-error]"));
    }

    [Fact]
    public async Task A_zero_reserve_price_is_refused_with_the_services_reason()
    {
        await SignInAsync("admin", Roles.Admin);
        var before = (await Market.ListVerticalsAsync()).Single(v => v.Slug == "finance");
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("button[aria-label='Edit Finance']").Click();
        page.Find("#edit-reserve").Change("0");
        page.Find("form[aria-label='Edit vertical']").Submit();

        var error = page.WaitForElement("[data-testid=vertical-error]");
        Assert.Equal("Reserve price and increment must be positive amounts with at most two decimals.", error.TextContent.Trim());
        Assert.Equal(before, (await Market.ListVerticalsAsync()).Single(v => v.Slug == "finance"));
    }

    [Fact]
    public async Task A_vertical_with_an_invalid_slug_is_refused_with_the_services_reason()
    {
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("#new-vertical-slug").Input("Pet Insurance!");
        page.Find("#new-vertical-name").Input("Pet insurance");
        page.Find("form[aria-label='Add a vertical']").Submit();

        var error = page.WaitForElement("[data-testid=vertical-error]");
        Assert.Equal("The slug must be 2 to 40 lower-case letters, digits or dashes.", error.TextContent.Trim());
        Assert.DoesNotContain(await Market.ListVerticalsAsync(), v => v.Name == "Pet insurance");
    }

    [Fact]
    public async Task A_new_vertical_can_get_a_room_at_once()
    {
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("#new-vertical-slug").Input("heat-pumps");
        page.Find("#new-vertical-name").Input("Heat pumps");
        page.Find("#new-vertical-reserve").Change("18");
        page.Find("form[aria-label='Add a vertical']").Submit();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("heat-pumps") && row.TextContent.Contains("€18.00")));

        Choose(page, "Vertical", "Heat pumps");
        page.Find("#new-room-name").Input("Heat pumps south");
        page.Find("#new-room-region").Input("DE-8");
        page.Find("form[aria-label='Add a room']").Submit();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("Heat pumps south") && row.TextContent.Contains("DE-8")));
        var room = (await Market.ListRoomsAsync()).Single(r => r.Name == "Heat pumps south");
        Assert.Equal(("Heat pumps", "DE-8", true, 15), (room.Vertical, room.Region, room.IsActive, room.AntiSnipingSeconds));
    }

    [Fact]
    public async Task A_room_without_a_vertical_is_not_added_and_the_form_says_why()
    {
        await SignInAsync("admin", Roles.Admin);
        var rooms = (await Market.ListRoomsAsync()).Count;
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("#new-room-name").Input("Nowhere");
        page.Find("form[aria-label='Add a room']").Submit();

        Assert.Equal("Choose the vertical the room belongs to.", page.WaitForElement("[data-testid=room-error]").TextContent.Trim());
        Assert.Equal(rooms, (await Market.ListRoomsAsync()).Count);
    }

    [Fact]
    public async Task Switching_a_room_off_closes_it_for_bidding()
    {
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForElement("input[aria-label='Trades live active']").Change(false);

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("Trades live") && row.TextContent.Contains("Closed")));
        Assert.False((await Market.ListRoomsAsync()).Single(r => r.Name == "Trades live").IsActive);
    }
}
