using System.Net;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Security;

/// <summary>After logging in the app only ever sends the person to one of its own pages, whatever ReturnUrl says.</summary>
public sealed class LoginReturnUrlTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    /// <param name="query">The ReturnUrl as it stands in the address, already percent-encoded (or malformed).</param>
    [Theory]
    [InlineData("%2F%2Fevil.example%2Fx")]
    [InlineData("//evil.example/x")]
    [InlineData("https%3A%2F%2Fevil.example")]
    [InlineData("https://evil.example")]
    [InlineData("%5C%5Cevil")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("javascript%3Aalert(1)")]
    [InlineData("http%3A%2F%2F%5B%3A%3A1")]
    [InlineData("%E0%A4%A")]
    [InlineData("%00%2F%2Fevil.example")]
    [InlineData("%09%2F%2Fevil.example")]
    public async Task A_foreign_or_malformed_ReturnUrl_leads_to_the_home_page(string query)
    {
        var response = await LogInAsync(query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Absolute(response.Headers.Location!);
        Assert.Equal(market.App.ServerAddress.Authority, location.Authority);
        Assert.Equal("/", location.AbsolutePath);
    }

    [Theory]
    [InlineData("%2Frooms", "/rooms")]
    [InlineData("rooms", "/rooms")]
    [InlineData("%2FAccount%2FManage", "/Account/Manage")]
    public async Task A_local_ReturnUrl_is_followed(string query, string path)
    {
        var response = await LogInAsync(query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Absolute(response.Headers.Location!);
        Assert.Equal(market.App.ServerAddress.Authority, location.Authority);
        Assert.Equal(path, location.AbsolutePath);
    }

    private async Task<HttpResponseMessage> LogInAsync(string returnUrlQuery)
    {
        using var browser = new SecurityBrowser(market.App);
        return await browser.LogInAsync("test-buyer-2@tests.local", "Test!Pass2026", $"Account/Login?ReturnUrl={returnUrlQuery}");
    }

    private Uri Absolute(Uri location) => location.IsAbsoluteUri ? location : new Uri(market.App.ServerAddress, location);
}
