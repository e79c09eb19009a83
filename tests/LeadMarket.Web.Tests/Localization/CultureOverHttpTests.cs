using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The language of pages and answers over HTTP: the cookie, Accept-Language, the switch and a bid rejection.</summary>
public sealed class CultureOverHttpTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private static readonly string[] EnglishLoginTexts =
    [
        "Log in", "Use your LeadMarket account.", "Email", "Password", "Remember me", "Forgot your password?",
        "Create an account", "Resend email confirmation", "Demo accounts", "This is a demo market", "Register",
    ];

    private MarketApplication App => market.App;

    [Fact]
    public async Task The_login_page_is_English_for_an_English_browser()
    {
        using var client = Client();

        var html = await GetAsync(client, "Account/Login", acceptLanguage: "en-US,en;q=0.9");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Forgot your password?", html, StringComparison.Ordinal);
        Assert.Contains("Remember me", html, StringComparison.Ordinal);
        Assert.Contains(">Deutsch<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_login_page_is_German_with_no_English_left_for_a_German_browser()
    {
        using var client = Client();

        var html = await GetAsync(client, "Account/Login", acceptLanguage: "de-DE,de;q=0.9,en;q=0.5");

        Assert.Contains("<html lang=\"de\">", html, StringComparison.Ordinal);
        foreach (var german in new[] { "Anmelden", "Melden Sie sich mit Ihrem LeadMarket-Konto an.", "Passwort", "Angemeldet bleiben", "Passwort vergessen?", "Konto erstellen", "Registrieren" })
        {
            Assert.Contains(german, html, StringComparison.Ordinal);
        }

        NoEnglishLeft.In(Visible(html), EnglishLoginTexts);
        Assert.Contains(">English<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_culture_cookie_wins_over_Accept_Language()
    {
        using var client = Client();
        client.DefaultRequestHeaders.Add("Cookie", "culture=c%3Den%7Cuic%3Den");

        var html = await GetAsync(client, "Account/Login", acceptLanguage: "de-DE,de;q=0.9");

        Assert.Contains("Forgot your password?", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Passwort vergessen?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_goes_back_to_the_page_in_the_new_language()
    {
        var cookies = new CookieContainer();
        using var client = Client(cookies);
        var page = await GetAsync(client, "Account/Login", acceptLanguage: "en");

        using var switched = await client.PostAsync("culture/set", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "de",
            ["redirectUri"] = "/Account/Login?ReturnUrl=%2Frooms",
            ["__RequestVerificationToken"] = Token(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Frooms", switched.Headers.Location!.OriginalString);
        Assert.Equal("c=de|uic=de", Uri.UnescapeDataString(cookies.GetCookies(App.ServerAddress)["culture"]!.Value));
        Assert.Contains("Passwort vergessen?", await GetAsync(client, "Account/Login", acceptLanguage: "en"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_in_persons_stored_language_wins_over_Accept_Language_and_the_cookie_over_both()
    {
        await using (var db = App.Db())
        {
            var user = await db.Users.SingleAsync(u => u.Email == "test-buyer-3@tests.local");
            user.Culture = "de";
            await db.SaveChangesAsync();
        }

        var cookies = new CookieContainer();
        using var client = Client(cookies);
        var login = await GetAsync(client, "Account/Login", acceptLanguage: "en");
        using var signedIn = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token(login),
            ["Input.Email"] = "test-buyer-3@tests.local",
            ["Input.Password"] = "Test!Pass2026",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);

        Assert.Contains("Auktionsräume", await GetAsync(client, "rooms", acceptLanguage: "en"), StringComparison.Ordinal);

        cookies.Add(App.ServerAddress, new Cookie("culture", "c%3Den%7Cuic%3Den"));
        Assert.Contains("Bidding rooms", await GetAsync(client, "rooms", acceptLanguage: "de"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("https://evil.example/")]
    [InlineData("/\\evil.example")]
    public async Task The_language_switch_only_goes_back_to_a_page_of_this_site(string redirectUri)
    {
        using var client = Client(new CookieContainer());
        var page = await GetAsync(client, "Account/Login", acceptLanguage: "en");

        using var switched = await client.PostAsync("culture/set", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "de",
            ["redirectUri"] = redirectUri,
            ["__RequestVerificationToken"] = Token(page),
        }));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_rejected_bid_over_REST_answers_in_German_for_Accept_Language_de_with_the_same_code()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 1234.5m);
        using var client = App.ApiClient("buyer1");
        client.DefaultRequestHeaders.Add("Accept-Language", "de-DE");

        using var response = await client.PostAsJsonAsync("/api/v1/bids", new { lotId = lot.LotId, amount = 1m, clientBidId = "i18n-de" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("TooLow", answer.GetProperty("reasonCode").GetString());
        var reason = answer.GetProperty("reason").GetString()!;
        Assert.Equal("Ihr Gebot von 1,00\u00A0€ ist zu niedrig: Das Mindestgebot beträgt 1.234,50\u00A0€.", reason);
        NoEnglishLeft.In(reason, ["Bid", "too low", "minimum", "EUR"]);
    }

    [Fact]
    public async Task A_rejected_bid_over_REST_answers_in_English_by_default()
    {
        var lot = await TestListings.ListLotAsync(App.Services, reserve: 1234.5m);
        using var client = App.ApiClient("buyer1");

        using var response = await client.PostAsJsonAsync("/api/v1/bids", new { lotId = lot.LotId, amount = 1m, clientBidId = "i18n-en" });

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("TooLow", answer.GetProperty("reasonCode").GetString());
        Assert.Equal("Bid €1.00 is too low: the minimum bid is €1,234.50.", answer.GetProperty("reason").GetString());
    }

    private HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = App.ServerAddress,
        };

    private static async Task<string> GetAsync(HttpClient client, string path, string acceptLanguage)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Accept-Language", acceptLanguage);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    // What a reader sees or hears: the title, the body's text and the labels, not ids, names or links.
    private static string Visible(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var labels = document.QuerySelectorAll("[aria-label],[title],[placeholder]")
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder") });
        return string.Join('\n', [document.Title, document.Body?.TextContent, .. labels]);
    }

    private static string Token(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}
