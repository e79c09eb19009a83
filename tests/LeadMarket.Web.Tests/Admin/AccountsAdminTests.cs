using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Accounts;
using LeadMarket.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Admin;

public sealed class AccountsAdminTests(MarketFixture market) : AdminTestContext(market), IClassFixture<MarketFixture>
{
    [Fact]
    public async Task A_credit_limit_below_what_is_used_and_held_shows_the_services_reason_under_the_account()
    {
        var buyerId = await App.UserIdAsync("buyer3");
        await using (var db = App.Db())
        {
            var account = await db.BuyerAccounts.SingleAsync(b => b.UserId == buyerId);
            account.CreditUsed = 1200m;
            account.Exposure = 300m;
            await db.SaveChangesAsync();
        }

        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        page.WaitForElement($"input[aria-label='Credit limit of {TestAccounts.Buyer3.Email}']").Change("1000");
        page.Find($"[data-testid='save-{TestAccounts.Buyer3.Email}']").Click();

        var error = page.WaitForElement($"[data-testid='error-{TestAccounts.Buyer3.Email}']");
        Assert.Contains("The limit cannot go below what is used and held by open bids (1500.00).", error.TextContent);
        await using var check = App.Db();
        Assert.Equal(5_000m, (await check.BuyerAccounts.SingleAsync(b => b.UserId == buyerId)).CreditLimit);
    }

    [Fact]
    public async Task Raising_a_credit_limit_saves_it()
    {
        var buyerId = await App.UserIdAsync("buyer2");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        page.WaitForElement($"input[aria-label='Credit limit of {TestAccounts.Buyer2.Email}']").Change("7500");
        page.Find($"[data-testid='save-{TestAccounts.Buyer2.Email}']").Click();

        await Eventually.TrueAsync(
            async () =>
            {
                await using var db = App.Db();
                return (await db.BuyerAccounts.SingleAsync(b => b.UserId == buyerId)).CreditLimit == 7_500m;
            },
            "the new credit limit to be saved",
            TimeSpan.FromSeconds(5));
        Assert.Empty(page.FindAll($"[data-testid='error-{TestAccounts.Buyer2.Email}']"));
    }

    [Fact]
    public async Task Making_a_publisher_a_buyer_opens_a_credit_line_of_zero()
    {
        var publisherId = await App.UserIdAsync("publisher2");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        Choose(page, $"Role of {TestAccounts.Publisher2.Email}", Roles.Buyer);
        page.WaitForElement($"[data-testid='save-{TestAccounts.Publisher2.Email}']:not([disabled])").Click();

        page.WaitForElement($"input[aria-label='Credit limit of {TestAccounts.Publisher2.Email}']");
        await using var db = App.Db();
        Assert.Equal(0m, (await db.BuyerAccounts.SingleAsync(b => b.UserId == publisherId)).CreditLimit);
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == publisherId select r.Name).ToListAsync();
        Assert.Equal([Roles.Buyer], roles);
    }

    [Fact]
    public async Task An_admin_cannot_change_their_own_role_here()
    {
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        page.WaitForElement($"[aria-label='Role of {TestAccounts.Buyer1.Email}']");
        Assert.Empty(page.FindAll($"[aria-label='Role of {TestAccounts.Admin.Email}']"));
    }
}
