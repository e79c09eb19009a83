using System.Security.Claims;
using LeadMarket.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LeadMarket.Web.Localization;

public static class LocalizationEndpoints
{
    public const string SetCulturePath = "/culture/set";

    /// <summary>
    /// The language switch posts here (a form, so antiforgery applies): the cookie is set, a signed-in person's
    /// choice is stored with their account, and the browser goes back to the page with a full load, so the next
    /// circuit starts in the new language.
    /// </summary>
    public static IEndpointRouteBuilder MapLocalization(this IEndpointRouteBuilder app)
    {
        app.MapPost(SetCulturePath, SetCultureAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SetCultureAsync(
        [FromForm] string? culture,
        [FromForm] string? redirectUri,
        HttpContext http,
        UserManager<ApplicationUser> users,
        SignInManager<ApplicationUser> signIn)
    {
        var chosen = MarketCultures.Normalize(culture);
        if (chosen is not null)
        {
            MarketCultures.SetCookie(http.Response, chosen);
            if (http.User.Identity?.IsAuthenticated == true
                && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
                && await users.FindByIdAsync(userId) is { } user
                && user.Culture != chosen)
            {
                user.Culture = chosen;
                var saved = await users.UpdateAsync(user);
                if (saved.Succeeded && http.User.Identity.AuthenticationType == IdentityConstants.ApplicationScheme)
                {
                    await signIn.RefreshSignInAsync(user);
                }
            }
        }

        return TypedResults.LocalRedirect(LocalOrHome(redirectUri));
    }

    /// <summary>Only a path of this site: never an absolute or protocol-relative address (an open redirect).</summary>
    internal static string LocalOrHome(string? uri)
    {
        if (string.IsNullOrEmpty(uri) || uri.Length > 2048 || uri[0] != '/')
        {
            return "/";
        }

        return uri.Length > 1 && (uri[1] == '/' || uri[1] == '\\') ? "/" : uri;
    }
}
