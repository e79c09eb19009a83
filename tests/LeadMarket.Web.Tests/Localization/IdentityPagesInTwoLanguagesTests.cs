using System.Net;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The account pages around sign-in and the account management pages, over HTTP as a browser gets them, in German and English.</summary>
public sealed class IdentityPagesInTwoLanguagesTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private const string German = "c%3Dde%7Cuic%3Dde";
    private const string English = "c%3Den%7Cuic%3Den";

    private static readonly string[] EnglishAccountTexts =
    [
        "Forgot your password?", "Enter your email", "Reset password", "Email", "Password", "Confirm password", "At least 10 characters",
        "Reset", "Log in", "Please check your email", "Resend", "Resend email confirmation", "Locked out", "Too many failed log-in attempts",
        "Access denied", "You do not have access", "Back to the start page", "Invalid user", "The password reset link is invalid",
        "Ask for a new link", "Change password", "Current password", "New password", "Confirm new password", "Update password", "Confirmed",
        "Not confirmed yet", "Send verification email", "New email", "Change email", "Personal data", "Download", "Delete",
        "Deleting this data", "Delete data and close my account", "Two-factor authentication", "Authenticator app", "Add authenticator app",
        "Privacy and cookie policy", "recovery codes", "Profile", "Error", "Configure authenticator app", "Verification code", "Verify",
        "Reset authenticator key", "No passkeys are registered", "Add a new passkey", "Spaces and casing do not matter",
    ];

    public static TheoryData<string, string> AnonymousPages => new()
    {
        { "Account/ForgotPassword", "Passwort vergessen?" },
        { "Account/ForgotPasswordConfirmation", "Bitte sehen Sie in Ihr E-Mail-Postfach, um Ihr Passwort zurückzusetzen." },
        { "Account/ResetPassword?code=eA", "Wählen Sie ein neues Passwort." },
        { "Account/ResetPasswordConfirmation", "Ihr Passwort wurde zurückgesetzt." },
        { "Account/ResendEmailConfirmation", "Bestätigungs-E-Mail erneut senden" },
        { "Account/Lockout", "Zu viele fehlgeschlagene Anmeldeversuche." },
        { "Account/AccessDenied", "Sie haben keinen Zugriff auf diese Seite." },
        { "Account/InvalidPasswordReset", "Der Link zum Zurücksetzen des Passworts ist ungültig." },
        { "Account/InvalidUser", "Ungültiges Konto" },
    };

    public static TheoryData<string, string> ManagePages => new()
    {
        { "Account/Manage/ChangePassword", "Aktuelles Passwort" },
        { "Account/Manage/Email", "Neue E-Mail-Adresse" },
        { "Account/Manage/PersonalData", "Ihr Konto enthält persönliche Daten" },
        { "Account/Manage/DeletePersonalData", "Daten löschen und mein Konto schließen" },
        { "Account/Manage/TwoFactorAuthentication", "Zwei-Faktor-Authentifizierung" },
        { "Account/Manage/EnableAuthenticator", "Legen Sie in der App ein Konto mit diesem Schlüssel an:" },
        { "Account/Manage/ResetAuthenticator", "Authenticator-Schlüssel zurücksetzen" },
        { "Account/Manage/Passkeys", "Es sind keine Passkeys registriert." },
    };

    [Theory]
    [MemberData(nameof(AnonymousPages))]
    public async Task An_account_page_reads_in_German_with_no_English_left(string path, string german)
    {
        using var client = Client(new CookieContainer(), German);

        var html = await GetAsync(client, path);

        Assert.Contains(german, html, StringComparison.Ordinal);
        NoEnglishLeft.In(HtmlWords.Visible(html), EnglishAccountTexts);
    }

    [Theory]
    [MemberData(nameof(ManagePages))]
    public async Task An_account_management_page_reads_in_German_with_no_English_left(string path, string german)
    {
        using var client = await SignedInClientAsync(German);

        var html = await GetAsync(client, path);

        Assert.Contains(german, html, StringComparison.Ordinal);
        Assert.Contains("Persönliche Daten", html, StringComparison.Ordinal);
        NoEnglishLeft.In(HtmlWords.Visible(html), EnglishAccountTexts);
    }

    [Theory]
    [InlineData(German, "„E-Mail“ ist keine gültige E-Mail-Adresse.", "not a valid email address")]
    [InlineData(English, "The Email field is not a valid email address.", "keine gültige")]
    public async Task A_form_answers_a_wrong_entry_in_the_readers_language(string culture, string told, string otherLanguage)
    {
        using var client = Client(new CookieContainer(), culture);
        var form = await GetAsync(client, "Account/ForgotPassword");

        using var sent = await client.PostAsync("Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "forgot-password",
            ["__RequestVerificationToken"] = HtmlWords.Token(form),
            ["Input.Email"] = "no-address",
        }));

        var html = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        Assert.Contains(told, html, StringComparison.Ordinal);
        Assert.DoesNotContain(otherLanguage, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(German, new[] { "Wählen Sie, ob Sie Leads kaufen oder veröffentlichen möchten.", "„E-Mail“ ist keine gültige E-Mail-Adresse.", "„Passwort“ muss mindestens 10 und höchstens 100 Zeichen lang sein." }, "must be at least")]
    [InlineData(English, new[] { "Choose whether you want to buy or to publish leads.", "The Email field is not a valid email address." }, "keine gültige")]
    public async Task The_registration_form_answers_wrong_entries_in_the_readers_language(string culture, string[] told, string otherLanguage)
    {
        using var client = Client(new CookieContainer(), culture);
        var form = await GetAsync(client, "Account/Register");

        using var sent = await client.PostAsync("Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "register",
            ["__RequestVerificationToken"] = HtmlWords.Token(form),
            ["Input.Email"] = "no-address",
            ["Input.Password"] = "short",
            ["Input.ConfirmPassword"] = "short",
        }));

        var html = WebUtility.HtmlDecode(await sent.Content.ReadAsStringAsync());
        foreach (var message in told)
        {
            Assert.Contains(message, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(otherLanguage, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_pages_read_in_English_for_an_English_reader()
    {
        using var client = await SignedInClientAsync(English);

        Assert.Contains("Forgot your password?", await GetAsync(client, "Account/ForgotPassword"), StringComparison.Ordinal);
        var changePassword = await GetAsync(client, "Account/Manage/ChangePassword");
        Assert.Contains("Current password", changePassword, StringComparison.Ordinal);
        Assert.Contains("Update password", changePassword, StringComparison.Ordinal);
        Assert.Contains("Two-factor authentication is off.", await GetAsync(client, "Account/Manage/TwoFactorAuthentication"), StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignedInClientAsync(string culture)
    {
        var cookies = new CookieContainer();
        var client = Client(cookies, culture);
        var login = await GetAsync(client, "Account/Login");
        using var signedIn = await client.PostAsync("Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = HtmlWords.Token(login),
            ["Input.Email"] = TestAccounts.Named("publisher1").Email,
            ["Input.Password"] = TestAccounts.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private HttpClient Client(CookieContainer cookies, string culture)
    {
        cookies.Add(market.App.ServerAddress, new Cookie("culture", culture));
        return new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies })
        {
            BaseAddress = market.App.ServerAddress,
        };
    }

    private static async Task<string> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

/// <summary>What a reader of an HTML page meets, and the page's antiforgery token.</summary>
internal static class HtmlWords
{
    // The title, the body's text and the labels, not ids, names or links.
    public static string Visible(string html)
    {
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
        var labels = document.QuerySelectorAll("[aria-label],[title],[placeholder]")
            .SelectMany(e => new[] { e.GetAttribute("aria-label"), e.GetAttribute("title"), e.GetAttribute("placeholder") });
        return string.Join('\n', [document.Title, document.Body?.TextContent, .. labels]);
    }

    public static string Token(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("input[name='__RequestVerificationToken']")?.GetAttribute("value")
        ?? throw new InvalidOperationException("The page has no antiforgery token.");
}
