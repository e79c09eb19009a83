using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace LeadMarket.Web.Localization;

/// <summary>
/// The market's languages and how a request picks one (DESIGN §6): the <c>culture</c> cookie the language switch
/// sets wins, else the account's stored choice, else the browser's <c>Accept-Language</c>, else English.
/// </summary>
public static class MarketCultures
{
    public const string Default = "en";

    /// <summary>The cookie the language switch sets, in <see cref="CookieRequestCultureProvider"/>'s format.</summary>
    public const string CookieName = "culture";

    public static IReadOnlyList<string> Supported { get; } = ["en", "de"];

    /// <summary>The supported culture <paramref name="name"/> is, or falls back to ("de-AT" is "de"); null for any other.</summary>
    public static string? Normalize(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 10)
        {
            return null;
        }

        var language = name.Split('-', '_')[0];
        return Supported.FirstOrDefault(c => c.Equals(language, StringComparison.OrdinalIgnoreCase));
    }

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(CultureInfo.GetCultureInfo).ToList();
        options.DefaultRequestCulture = new RequestCulture(Default);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AccountCultureProvider(),
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
    }

    /// <summary>Writes the cookie that makes <paramref name="culture"/> this browser's language for a year.</summary>
    public static void SetCookie(HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = response.HttpContext.Request.IsHttps,
                Path = "/",
            });
}

/// <summary>The signed-in person's stored language, read from the claim put into their sign-in cookie.</summary>
public sealed class AccountCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var culture = MarketCultures.Normalize(httpContext.User.FindFirst(PreferenceClaims.Culture)?.Value);
        return Task.FromResult(culture is null ? null : new ProviderCultureResult(culture));
    }
}
