using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using LeadMarket.Infrastructure.Identity;

namespace LeadMarket.Web.Components.Account;

internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public const string StatusCookieName = "Identity.StatusMessage";

    private static readonly CookieBuilder StatusCookieBuilder = new()
    {
        SameSite = SameSiteMode.Strict,
        HttpOnly = true,
        IsEssential = true,
        MaxAge = TimeSpan.FromSeconds(5),
    };

    /// <summary>Redirects to <paramref name="uri"/> if it is a page of this app, else to the home page: never off-site.</summary>
    public void RedirectTo(string? uri) => navigationManager.NavigateTo(LocalTarget(uri, navigationManager.BaseUri));

    /// <summary>
    /// The base-relative or root-relative form of <paramref name="uri"/> when it points into this app (an absolute
    /// URI under <paramref name="baseUri"/>, "/path", "path"), else "/". Protocol-relative ("//host"), backslash
    /// ("\\host", "/\\host"), scheme ("https:", "javascript:") and malformed targets all give "/".
    /// </summary>
    internal static string LocalTarget(string? uri, string baseUri)
    {
        if (string.IsNullOrEmpty(uri))
        {
            return "";
        }

        if (uri.StartsWith(baseUri, StringComparison.OrdinalIgnoreCase))
        {
            uri = uri[baseUri.Length..];
        }

        var pathEnd = uri.IndexOfAny(['?', '#']);
        var path = pathEnd < 0 ? uri : uri[..pathEnd];
        var local = uri.Length <= 2048
            && !uri.StartsWith("//", StringComparison.Ordinal)
            && !uri.Contains('\\', StringComparison.Ordinal)
            && !path.Contains(':', StringComparison.Ordinal)
            && !uri.Any(char.IsControl)
            && Uri.IsWellFormedUriString(uri, UriKind.Relative);
        return local ? uri : "/";
    }

    public void RedirectTo(string uri, Dictionary<string, object?> queryParameters)
    {
        var uriWithoutQuery = navigationManager.ToAbsoluteUri(uri).GetLeftPart(UriPartial.Path);
        var newUri = navigationManager.GetUriWithQueryParameters(uriWithoutQuery, queryParameters);
        RedirectTo(newUri);
    }

    public void RedirectToWithStatus(string uri, string message, HttpContext context)
    {
        context.Response.Cookies.Append(StatusCookieName, message, StatusCookieBuilder.Build(context));
        RedirectTo(uri);
    }

    private string CurrentPath => navigationManager.ToAbsoluteUri(navigationManager.Uri).GetLeftPart(UriPartial.Path);

    public void RedirectToCurrentPage() => RedirectTo(CurrentPath);

    public void RedirectToCurrentPageWithStatus(string message, HttpContext context)
        => RedirectToWithStatus(CurrentPath, message, context);

    public void RedirectToInvalidUser(UserManager<ApplicationUser> userManager, HttpContext context)
        => RedirectToWithStatus("Account/InvalidUser", $"Error: Unable to load user with ID '{userManager.GetUserId(context.User)}'.", context);
}
