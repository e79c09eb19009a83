using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using LeadMarket.Domain.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace LeadMarket.Web.Tests.Account;

/// <summary>The static-SSR account pages over HTTP, as a browser without JavaScript uses them.</summary>
public sealed class AccountPagesTests(MarketFixture market) : IClassFixture<MarketFixture>
{
    private const string Password = "Long!Pass2026";

    private MarketApplication App => market.App;

    [Fact]
    public async Task Registering_as_a_buyer_signs_in_with_the_buyer_role_and_a_credit_line_of_zero()
    {
        using var browser = new Browser(App);

        var response = await browser.SubmitAsync("Account/Register", "register", new()
        {
            ["Input.Role"] = Roles.Buyer,
            ["Input.Email"] = "new-buyer@example.com",
            ["Input.CompanyName"] = "Acme Leads",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.AbsolutePath);
        // The first cookie already carries the role: a buyer-only endpoint answers.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("api/v1/purchases")).StatusCode);

        await using var db = App.Db();
        var user = await db.Users.SingleAsync(u => u.Email == "new-buyer@example.com");
        Assert.Equal("Acme Leads", user.CompanyName);
        Assert.Equal([Roles.Buyer], await RolesOfAsync(user.Id));
        Assert.Equal(0m, (await db.BuyerAccounts.SingleAsync(b => b.UserId == user.Id)).CreditLimit);
    }

    [Fact]
    public async Task Registering_as_a_publisher_gives_the_publisher_role_and_no_credit_line()
    {
        using var browser = new Browser(App);

        var response = await browser.SubmitAsync("Account/Register", "register", new()
        {
            ["Input.Role"] = Roles.Publisher,
            ["Input.Email"] = "new-publisher@example.com",
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = App.Db();
        var user = await db.Users.SingleAsync(u => u.Email == "new-publisher@example.com");
        Assert.Null(user.CompanyName);
        Assert.Equal([Roles.Publisher], await RolesOfAsync(user.Id));
        Assert.False(await db.BuyerAccounts.AnyAsync(b => b.UserId == user.Id));
    }

    [Theory]
    [InlineData(Roles.Admin)]
    [InlineData(null)]
    public async Task Registering_without_the_buyer_or_publisher_role_is_refused_with_a_reason(string? role)
    {
        using var browser = new Browser(App);
        var email = $"no-role-{role ?? "none"}@example.com";
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
            ["Input.ConfirmPassword"] = Password,
        };
        if (role is not null)
        {
            fields["Input.Role"] = role;
        }

        var response = await browser.SubmitAsync("Account/Register", "register", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose whether you want to buy or to publish leads.", await response.Content.ReadAsStringAsync());
        await using var db = App.Db();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task An_admin_logs_in_through_the_form_and_reaches_the_admin_page()
    {
        using var browser = new Browser(App);

        var response = await browser.LogInAsync(TestAccounts.Admin.Email);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("admin")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_person_on_the_login_page_with_a_message()
    {
        using var browser = new Browser(App);

        var response = await browser.SubmitAsync("Account/Login", "login", new()
        {
            ["Input.Email"] = TestAccounts.Buyer1.Email,
            ["Input.Password"] = "not the password",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Invalid login attempt", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_admin_page_is_refused_to_a_buyer()
    {
        using var browser = new Browser(App);
        await browser.LogInAsync(TestAccounts.Buyer1.Email);

        var response = await browser.GetAsync("admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_login_page_lists_the_demo_accounts_in_demo_mode()
    {
        await using var app = new MarketApplication(demo: true);
        using var browser = new Browser(app);

        var page = await browser.GetDocumentAsync("Account/Login");

        var hint = page.QuerySelector("[aria-label='Demo accounts']");
        Assert.NotNull(hint);
        foreach (var account in new[] { "admin@demo.local", "publisher1@demo.local", "buyer1@demo.local", "buyer2@demo.local", "buyer3@demo.local", "Demo!Pass2026" })
        {
            Assert.Contains(account, hint.TextContent);
        }
    }

    [Fact]
    public async Task The_login_page_shows_no_demo_accounts_outside_demo_mode()
    {
        using var browser = new Browser(App);

        var page = await browser.GetDocumentAsync("Account/Login");

        Assert.NotNull(page.QuerySelector("input[name='Input.Email']"));
        Assert.Null(page.QuerySelector("[aria-label='Demo accounts']"));
        Assert.DoesNotContain("Demo!Pass2026", page.DocumentElement.OuterHtml);
    }

    [Fact]
    public async Task Every_field_on_the_account_pages_has_a_label_and_no_page_uses_bootstrap_classes()
    {
        using var browser = new Browser(App);
        string[] publicPages = ["Account/Login", "Account/Register", "Account/ForgotPassword", "Account/ResendEmailConfirmation"];
        string[] managePages = ["Account/Manage", "Account/Manage/Email", "Account/Manage/ChangePassword", "Account/Manage/TwoFactorAuthentication",
            "Account/Manage/EnableAuthenticator", "Account/Manage/Passkeys", "Account/Manage/PersonalData", "Account/Manage/DeletePersonalData"];
        string[] bootstrap = ["btn", "btn-primary", "form-control", "form-floating", "form-label", "row", "text-danger", "alert", "nav-link"];

        var checkedFields = 0;
        foreach (var path in publicPages.Concat(["login"]).Concat(managePages))
        {
            if (path == "login")
            {
                await browser.LogInAsync(TestAccounts.Buyer3.Email);
                continue;
            }

            var page = await browser.GetDocumentAsync(path);
            foreach (var input in page.QuerySelectorAll("input:not([type=hidden])"))
            {
                var id = input.Id;
                Assert.False(string.IsNullOrEmpty(id), $"{path}: an input named '{input.GetAttribute("name")}' has no id for a label.");
                Assert.True(page.QuerySelector($"label[for='{id}']") is not null, $"{path}: the input '{id}' has no <label for>.");
                checkedFields++;
            }

            var classes = page.QuerySelectorAll("[class]").SelectMany(e => e.ClassList).ToHashSet();
            Assert.Empty(classes.Intersect(bootstrap));
        }

        Assert.True(checkedFields >= 15, $"Only {checkedFields} fields were found; the pages did not render their forms.");
    }

    private async Task<List<string?>> RolesOfAsync(string userId)
    {
        await using var db = App.Db();
        return await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId select r.Name).ToListAsync();
    }

    [Fact]
    public async Task The_shell_carries_the_theme_and_a_menu_button_for_narrow_screens_on_static_pages_too()
    {
        using var browser = new Browser(App);

        var page = await browser.GetDocumentAsync("Account/Login");

        // The theme's CSS variables are written once per page load, outside any circuit.
        Assert.Contains(page.QuerySelectorAll("style"), s => s.TextContent.Contains("--mud-palette-primary:", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("input#app-nav-toggle[type=checkbox]"));
        Assert.NotNull(page.QuerySelector("label.app-menu-button[for=app-nav-toggle]"));
        Assert.Equal(["Home"], DrawerLinks(page));
        Assert.NotNull(page.QuerySelector("header a[href='Account/Login']"));
        Assert.NotNull(page.QuerySelector("header a[href='Account/Register']"));
    }

    [Theory]
    [InlineData("buyer1", "rooms", "Bidding rooms", "Home|Bidding rooms|My leads|Integrations|Account")]
    [InlineData("publisher1", "publisher", "Publisher desk", "Home|Publisher desk|Integrations|Account")]
    [InlineData("admin", "admin", "Administration", "Home|Bidding rooms|Administration|Integrations|Account")]
    public async Task The_drawer_shows_each_role_its_pages_and_marks_the_current_one(string account, string path, string current, string links)
    {
        var email = TestAccounts.Named(account).Email;
        using var browser = new Browser(App);
        await browser.LogInAsync(email);

        var page = await browser.GetDocumentAsync(path);

        Assert.Equal(links, string.Join('|', DrawerLinks(page)));
        var marked = Assert.Single(page.QuerySelectorAll("nav[aria-label=Main] a[aria-current=page]"));
        Assert.Equal(current, marked.TextContent.Trim());
        Assert.Equal(email, page.QuerySelector("header .app-user-name")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("header form[action='Account/Logout']"));

        // Prerendered: the mark that the circuit has taken over comes only with the circuit.
        Assert.NotNull(page.QuerySelector(".app-shell"));
        Assert.Null(page.QuerySelector(".app-shell[data-interactive]"));
    }

    private static List<string> DrawerLinks(IDocument page) =>
        [.. page.QuerySelectorAll("nav[aria-label=Main] a").Select(a => a.TextContent.Trim())];

    /// <summary>A cookie-keeping client that fills in forms the way a browser posts them (with the antiforgery token).</summary>
    private sealed class Browser : IDisposable
    {
        private readonly HttpClient client;

        public Browser(MarketApplication app)
        {
            client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            {
                BaseAddress = app.ServerAddress,
            };
        }

        public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

        public async Task<IDocument> GetDocumentAsync(string path)
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
        }

        public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, Dictionary<string, string> fields)
        {
            var page = await GetDocumentAsync(path);
            var form = page.QuerySelectorAll("form").Single(f => f.QuerySelector($"input[name='_handler'][value='{formName}']") is not null);
            var values = new Dictionary<string, string>
            {
                ["_handler"] = formName,
                ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            };
            foreach (var (name, value) in fields)
            {
                Assert.True(form.QuerySelector($"[name='{name}']") is not null, $"The form '{formName}' has no field '{name}'.");
                values[name] = value;
            }

            return await client.PostAsync(path, new FormUrlEncodedContent(values));
        }

        public async Task<HttpResponseMessage> LogInAsync(string email)
        {
            var response = await SubmitAsync("Account/Login", "login", new()
            {
                ["Input.Email"] = email,
                ["Input.Password"] = TestAccounts.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return response;
        }

        public void Dispose() => client.Dispose();
    }
}
