using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using LeadMarket.Web.Components.Layout;

namespace LeadMarket.Web.Tests.Components;

public sealed class MainNavigationTests
{
    [Theory]
    [InlineData(null, "Home")]
    [InlineData(Roles.Buyer, "Home|Bidding rooms|My leads|Integrations|Account")]
    [InlineData(Roles.Publisher, "Home|Publisher desk|Integrations|Account")]
    [InlineData(Roles.Admin, "Home|Bidding rooms|Administration|Integrations|Account")]
    public void Each_role_sees_its_own_pages_in_the_drawer(string? role, string expected)
    {
        var user = role is null
            ? new ClaimsPrincipal(new ClaimsIdentity())
            : new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "someone"), new Claim(ClaimTypes.Role, role)], "test"));

        Assert.Equal(expected, string.Join('|', MainNavigation.For(user).Select(e => e.Text)));
    }

    [Theory]
    [InlineData("", "", true)]
    [InlineData("rooms", "", false)]
    [InlineData("?returnUrl=x", "", true)]
    [InlineData("rooms", "rooms", true)]
    [InlineData("rooms/5f0c2b9e-2a51-4d4e-9f7e-0f6b7a1c2d3e", "rooms", true)]
    [InlineData("rooms?lot=1#top", "rooms", true)]
    [InlineData("roomsandmore", "rooms", false)]
    [InlineData("my-leads/", "my-leads", true)]
    [InlineData("Account/Manage/ChangePassword", "Account/Manage", true)]
    [InlineData("account/manage", "Account/Manage", true)]
    [InlineData("Account/Login", "Account/Manage", false)]
    public void A_link_is_current_on_its_page_and_the_pages_below_it(string path, string href, bool current) =>
        Assert.Equal(current, MainNavigation.IsCurrent(MainNavigation.Entries.Single(e => e.Href == href), path));

    [Fact]
    public void A_current_link_is_marked_for_screen_readers_and_styled_as_active()
    {
        var rooms = MainNavigation.Entries.Single(e => e.Href == "rooms");

        Assert.Contains("aria-current=\"page\"", rooms.CurrentHtml, StringComparison.Ordinal);
        Assert.Contains("mud-nav-link mud-ripple active", rooms.CurrentHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-current", rooms.Html, StringComparison.Ordinal);
        Assert.Contains(">Bidding rooms</div>", rooms.Html, StringComparison.Ordinal);
    }
}
