using System.Collections.Concurrent;
using System.Security.Claims;
using LeadMarket.Domain.Accounts;
using MudBlazor;

namespace LeadMarket.Web.Components.Layout;

/// <summary>
/// The drawer's links, who sees each, and each link's HTML in both states (current page or not), built once for the
/// process. The layout is part of every circuit, so a link is one shared markup string there, not a NavLink, an icon
/// and a text component with two render trees each.
/// </summary>
public static class MainNavigation
{
    public static IReadOnlyList<NavEntry> Entries { get; } =
    [
        new("", "Home", "Nav.Home", Icons.Material.Filled.Home, NavAudience.Everyone, exactMatch: true),
        new("rooms", "Bidding rooms", "Nav.Rooms", Icons.Material.Filled.Gavel, NavAudience.Roles(Roles.Buyer, Roles.Admin)),
        new("my-leads", "My leads", "Nav.MyLeads", Icons.Material.Filled.Inbox, NavAudience.Roles(Roles.Buyer)),
        new("publisher", "Publisher desk", "Nav.PublisherDesk", Icons.Material.Filled.Upload, NavAudience.Roles(Roles.Publisher)),
        new("admin", "Administration", "Nav.Administration", Icons.Material.Filled.AdminPanelSettings, NavAudience.Roles(Roles.Admin)),
        new("integrations", "Integrations", "Nav.Integrations", Icons.Material.Filled.Key, NavAudience.SignedIn),
        new("Account/Manage", "Account", "Nav.Account", Icons.Material.Filled.Person, NavAudience.SignedIn),
    ];

    /// <summary>The entries this user may see, in drawer order.</summary>
    public static IEnumerable<NavEntry> For(ClaimsPrincipal user) => Entries.Where(e => e.Audience.Includes(user));

    /// <summary>
    /// Whether <paramref name="path"/> (base-relative, as <c>NavigationManager.ToBaseRelativePath</c> gives it) is
    /// this entry's page: the same path, or for a section (not Home) a page below it. Query and fragment are ignored.
    /// </summary>
    public static bool IsCurrent(NavEntry entry, string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        var bare = (end < 0 ? path : path[..end]).TrimEnd('/');
        if (bare.Equals(entry.Href, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !entry.ExactMatch && bare.StartsWith(entry.Href + "/", StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class NavEntry
{
    private readonly string icon;

    // The link's markup per language, built once: a few entries times two states times two languages.
    private readonly ConcurrentDictionary<(string Text, bool Current), string> localized = new();

    public NavEntry(string href, string text, string textKey, string icon, NavAudience audience, bool exactMatch = false)
    {
        Href = href;
        Text = text;
        TextKey = textKey;
        this.icon = icon;
        Audience = audience;
        ExactMatch = exactMatch;
        Html = Build(href, text, icon, current: false);
        CurrentHtml = Build(href, text, icon, current: true);
    }

    public string Href { get; }

    /// <summary>The English text (<see cref="Html"/>'s).</summary>
    public string Text { get; }

    /// <summary>The text's key in <c>UiText</c>.</summary>
    public string TextKey { get; }

    public NavAudience Audience { get; }

    public bool ExactMatch { get; }

    /// <summary>The link as MudBlazor's nav link markup.</summary>
    public string Html { get; }

    /// <summary>The link marked as the current page (highlighted, <c>aria-current="page"</c>).</summary>
    public string CurrentHtml { get; }

    /// <summary>The link's markup with <paramref name="text"/> (the text in the page's language), current or not.</summary>
    public string HtmlWith(string text, bool current) =>
        text == Text ? (current ? CurrentHtml : Html) : localized.GetOrAdd((text, current), k => Build(Href, k.Text, icon, k.Current));

    private static string Build(string href, string text, string icon, bool current) =>
        $"<div class=\"mud-nav-item\"><a href=\"{HtmlText.Encode(href)}\" class=\"mud-nav-link mud-ripple{(current ? " active" : "")}\"" +
        $"{(current ? " aria-current=\"page\"" : "")}><svg class=\"mud-icon-root mud-icon-default mud-svg-icon mud-icon-size-medium " +
        $"mud-nav-link-icon mud-nav-link-icon-default\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\">{icon}</svg>" +
        $"<div class=\"mud-nav-link-text\">{HtmlText.Encode(text)}</div></a></div>";
}

/// <summary>Who sees a drawer link: everyone, anyone signed in, or anyone in one of some roles.</summary>
public sealed class NavAudience
{
    private readonly string[]? roles;
    private readonly bool signedIn;

    private NavAudience(bool signedIn, string[]? roles)
    {
        this.signedIn = signedIn;
        this.roles = roles;
    }

    public static NavAudience Everyone { get; } = new(false, null);

    public static NavAudience SignedIn { get; } = new(true, null);

    public static NavAudience Roles(params string[] roles) => new(true, roles);

    public bool Includes(ClaimsPrincipal user)
    {
        if (!signedIn)
        {
            return true;
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        return roles is null || roles.Any(user.IsInRole);
    }
}
