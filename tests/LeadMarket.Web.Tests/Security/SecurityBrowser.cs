using System.Net;
using AngleSharp.Html.Parser;
using LeadMarket.Domain.Accounts;
using LeadMarket.Infrastructure.Identity;
using LeadMarket.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Security;

/// <summary>
/// A cookie-keeping HTTP client that fills in the account forms the way a browser posts them (antiforgery token
/// included) and follows no redirects, so a test sees where the app sends it.
/// </summary>
internal sealed class SecurityBrowser : IDisposable
{
    public const string Password = "Long!Pass2026";

    private readonly HttpClient client;

    public SecurityBrowser(MarketApplication app)
    {
        Cookies = new CookieContainer();
        BaseAddress = app.ServerAddress;
        client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = BaseAddress };
    }

    public CookieContainer Cookies { get; }

    public Uri BaseAddress { get; }

    /// <summary>Whether the Identity sign-in cookie is held, i.e. someone is signed in.</summary>
    public bool SignedIn => Cookies.GetCookies(BaseAddress).Any(c => c.Name == ".AspNetCore.Identity.Application");

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => client.SendAsync(request);

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(path);

    /// <summary>Posts the login form of <paramref name="path"/> (e.g. with a ReturnUrl) with this email and password.</summary>
    public async Task<HttpResponseMessage> LogInAsync(string email, string password, string path = "Account/Login")
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = await new HtmlParser().ParseDocumentAsync(await page.Content.ReadAsStringAsync());
        var form = document.QuerySelectorAll("form").Single(f => f.QuerySelector("input[name='_handler'][value='login']") is not null);
        var values = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = form.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(values));
    }

    public void Dispose() => client.Dispose();

    /// <summary>A buyer made for one test, with <see cref="Password"/> as password; answers the email.</summary>
    public static async Task<string> CreateBuyerAsync(MarketApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"security-{Guid.NewGuid():N}@buyers.test";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Buyer)).Succeeded);
        return email;
    }
}
