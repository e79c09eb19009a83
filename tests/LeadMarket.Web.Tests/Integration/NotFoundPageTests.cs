using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LeadMarket.Testing;

namespace LeadMarket.Web.Tests.Integration;

/// <summary>An address that leads nowhere answers 404 with the app's own page: in the shell, a heading and a way back.</summary>
public sealed class NotFoundPageTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    [Fact]
    public async Task An_unknown_address_answers_404_with_the_not_found_page_in_the_shell_and_a_link_home()
    {
        using var client = NewClient(market.App);

        var (status, page) = await GetAsync(client, "/no-such-page/at-all");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Page not found", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("nav[aria-label=Main]"));
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "./" && a.TextContent.Contains("Home", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_lead_answers_404_with_the_not_found_page_and_a_link_back_to_my_leads()
    {
        using var client = NewClient(market.App);
        await LogInAsync(client, "test-buyer-1@tests.local");

        var (status, page) = await GetAsync(client, $"/my-leads/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("Page not found", page.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Contains(page.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "my-leads" && a.TextContent.Contains("My leads", StringComparison.Ordinal));
    }

    private static HttpClient NewClient(MarketApplication app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = app.ServerAddress };

    private static async Task<(HttpStatusCode Status, IDocument Page)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        return (response.StatusCode, await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync()));
    }

    private static async Task LogInAsync(HttpClient client, string email)
    {
        var (_, login) = await GetAsync(client, "/Account/Login");
        var form = login.QuerySelectorAll("form").Single(f => f.QuerySelector("input[name='_handler'][value='login']") is not null);
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["Input.Email"] = email,
            ["Input.Password"] = "Test!Pass2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
