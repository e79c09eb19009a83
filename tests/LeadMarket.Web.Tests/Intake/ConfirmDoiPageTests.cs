using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Outbox;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Intake;

/// <summary>The hosted double opt-in's link as a browser (or a mail scanner) opens it: GET shows, only the form's POST confirms.</summary>
public sealed class ConfirmDoiPageTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private const string UserAgent = "Mozilla/5.0 (DOI test browser)";

    [Fact]
    public async Task Opening_the_link_confirms_nothing_the_button_confirms_once_and_lists_the_lead_with_the_click_in_its_evidence()
    {
        var (lead, token) = await MailedLeadAsync("de");
        using var browser = Browser();

        // A mail scanner (or the person) opens the link, twice: a page with the button, nothing recorded.
        for (var i = 0; i < 2; i++)
        {
            var page = await PageAsync(await browser.GetAsync($"doi/{token}"));
            Assert.Equal("Pending", page.QuerySelector("[data-testid=doi-page]")!.GetAttribute("data-status"));
            Assert.Contains("Ja, ich bestätige", page.QuerySelector("[data-testid=doi-confirm]")!.TextContent, StringComparison.Ordinal);
        }

        await using (var db = market.App.Db())
        {
            Assert.Equal(LeadState.AwaitingConfirmation, (await db.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id)).State);
            Assert.False(await db.Lots.AnyAsync(l => l.LeadId == lead.Id));
        }

        var form = await FormAsync(browser, token);
        var confirmed = await PageAsync(await browser.PostAsync($"doi/{token}", new FormUrlEncodedContent(form)));
        Assert.Equal("Confirmed", confirmed.QuerySelector("[data-testid=doi-page]")!.GetAttribute("data-status"));
        Assert.Contains("Vielen Dank", confirmed.Body!.TextContent, StringComparison.Ordinal);

        var again = await PageAsync(await browser.PostAsync($"doi/{token}", new FormUrlEncodedContent(form))); // the button pressed twice
        Assert.Equal("AlreadyConfirmed", again.QuerySelector("[data-testid=doi-page]")!.GetAttribute("data-status"));
        Assert.Contains("bereits bestätigt", again.Body!.TextContent, StringComparison.Ordinal);

        await using var check = market.App.Db();
        var stored = await check.Leads.AsNoTracking().SingleAsync(l => l.Id == lead.Id);
        Assert.Equal(LeadState.Listed, stored.State);
        var consent = market.Services.GetRequiredService<LeadProtector>().Unprotect(stored.ProtectedData).Consent;
        Assert.Equal((market.Clock.GetUtcNow(), "127.0.0.1", UserAgent), (consent.ConfirmedAt, consent.ConfirmedIp, consent.ConfirmedUserAgent));
        Assert.Single(await check.Lots.AsNoTracking().Where(l => l.LeadId == lead.Id).ToListAsync());
    }

    [Fact]
    public async Task An_english_lead_reads_the_page_in_english_and_an_unknown_link_is_told_so()
    {
        var (_, token) = await MailedLeadAsync("en");
        using var browser = Browser();

        var page = await PageAsync(await browser.GetAsync($"doi/{token}"));
        Assert.Contains("Yes, I confirm", page.QuerySelector("[data-testid=doi-confirm]")!.TextContent, StringComparison.Ordinal);

        var unknown = await PageAsync(await browser.GetAsync($"doi/{DoiToken.Create()}"));
        Assert.Equal("Unknown", unknown.QuerySelector("[data-testid=doi-page]")!.GetAttribute("data-status"));
        Assert.Null(unknown.QuerySelector("[data-testid=doi-confirm]"));
    }

    private async Task<(Lead Lead, string Token)> MailedLeadAsync(string language)
    {
        var email = $"doi-page-{Guid.NewGuid():N}@example.org";
        var batch = await IntakeRows.CreateBatchAsync(market.Services, hostedDoubleOptIn: true);
        var (lead, _) = await IntakeRows.CreateAwaitingConfirmationAsync(market.Services, batch, language, email);
        await market.Services.GetRequiredService<OutboxProcessor>().ProcessDueAsync(CancellationToken.None);
        var mail = Assert.Single(PickupMail.To(market.App.DataDirectory, email));
        return (lead, PickupMail.DoiToken(mail));
    }

    private HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = market.App.ServerAddress };
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        return client;
    }

    /// <summary>The confirmation form's fields as a browser posts them (its antiforgery token included).</summary>
    private static async Task<Dictionary<string, string>> FormAsync(HttpClient browser, string token)
    {
        var page = await PageAsync(await browser.GetAsync($"doi/{token}"));
        return page.QuerySelector("form")!.QuerySelectorAll("input[type=hidden]").Cast<IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
    }

    private static async Task<IHtmlDocument> PageAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
