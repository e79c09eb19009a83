using System.Net;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Security;

/// <summary>Wrong passwords lock an account out: guessing through the login form stops after five tries.</summary>
public sealed class LoginLockoutTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_then_leads_to_the_lockout_page()
    {
        var email = await SecurityBrowser.CreateBuyerAsync(market.App);
        using var browser = new SecurityBrowser(market.App);
        for (var i = 0; i < 5; i++)
        {
            await browser.LogInAsync(email, $"wrong password {i}");
        }

        var right = await browser.LogInAsync(email, SecurityBrowser.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Account/Lockout", right.Headers.Location!.AbsolutePath);
        Assert.False(browser.SignedIn);
        var lockoutPage = await browser.GetAsync(right.Headers.Location.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, lockoutPage.StatusCode);
        Assert.Contains("Too many failed log-in attempts", await lockoutPage.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Four_wrong_passwords_still_let_the_right_one_sign_in()
    {
        var email = await SecurityBrowser.CreateBuyerAsync(market.App);
        using var browser = new SecurityBrowser(market.App);
        for (var i = 0; i < 4; i++)
        {
            var wrong = await browser.LogInAsync(email, $"wrong password {i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("Invalid login attempt", await wrong.Content.ReadAsStringAsync());
        }

        var right = await browser.LogInAsync(email, SecurityBrowser.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location!.AbsolutePath);
        Assert.True(browser.SignedIn);
    }
}
