using AngleSharp.Dom;
using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Testing;
using LeadMarket.Web.Components.Accounts;
using LeadMarket.Web.Components.Auctions;
using AdminPage = LeadMarket.Web.Components.Pages.Admin.Admin;
using LeadMarket.Web.Tests.Admin;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The administration page in English and German: its heading and tabs, the verticals and rooms, the accounts table with MudBlazor's pager.</summary>
public sealed class AdminInTwoLanguagesTests(MarketFixture market) : AdminTestContext(market), IClassFixture<MarketFixture>
{
    [Fact]
    public void The_administration_page_names_its_tabs_in_English()
    {
        using var culture = new CultureScope("en");

        var page = Render<AdminPage>();

        Assert.Contains("Verticals and rooms", page.Markup, StringComparison.Ordinal);
        Assert.Contains(">Accounts<", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void The_administration_page_names_its_tabs_in_German()
    {
        using var culture = new CultureScope("de");

        var page = Render<AdminPage>();

        Assert.Contains("Branchen und Räume", page.Markup, StringComparison.Ordinal);
        Assert.Contains(">Konten<", page.Markup, StringComparison.Ordinal);
        NoEnglishLeft.In(page.Find("h1").TextContent + page.FindAll(".mud-tab").Aggregate("", (s, t) => s + " " + t.TextContent), ["Verticals and rooms", "Accounts"]);
    }

    [Fact]
    public async Task The_verticals_and_rooms_read_in_German_with_no_English_left()
    {
        using var culture = new CultureScope("de");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<MarketStructureAdmin>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("button[aria-label='Solar bearbeiten']")));
        page.Find("button[aria-label='Solar bearbeiten']").Click();
        page.WaitForElement("form[aria-label='Branche bearbeiten']");

        var words = Words(page.Nodes);
        foreach (var german in new[] { "Branchen", "Kürzel", "Reservepreis", "Mindestschritt", "Rückgabefrist", "Räume", "Für Gebote offen", "Raum hinzufügen", "Branche hinzufügen", "„Solar“ bearbeiten", "Speichern", "Abbrechen", "Tage" })
        {
            Assert.Contains(german, words, StringComparison.Ordinal);
        }

        Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("Solar", StringComparison.Ordinal) && row.TextContent.Contains("\u00A0€", StringComparison.Ordinal));
        NoEnglishLeft.In(words,
        [
            "Verticals", "Slug", "Reserve price", "Minimum increment", "Return window", "Actions", "days", "Edit", "Rooms", "Vertical",
            "Anti-sniping", "Open for bidding", "all regions", "Active", "Closed", "Add a room", "Add a vertical", "Add vertical", "Add room",
            "Room name", "Save", "Cancel", "EUR", "Lower-case letters", "A postal area prefix", "A bid this close", "How long a buyer",
        ]);
    }

    [Fact]
    public async Task The_accounts_table_reads_in_German_with_MudBlazors_pager_in_German_too()
    {
        using var culture = new CultureScope("de");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid='save-{TestAccounts.Buyer1.Email}']")));
        var words = Words(page.Nodes);
        foreach (var german in new[] { "Konten", "E-Mail", "Firma", "Rolle", "Kreditrahmen (€)", "Verbraucht", "Durch offene Gebote gebunden", "Speichern", "Zeilen pro Seite", "Nächste Seite", "kein Käufer" })
        {
            Assert.Contains(german, words, StringComparison.Ordinal);
        }

        Assert.Matches(@"\d+–\d+ von \d+", page.Find(".mud-table-pagination-caption ~ .mud-table-pagination-caption, .mud-table-page-number-information").TextContent);
        NoEnglishLeft.In(words,
        [
            "Accounts", "Email", "Company", "Role", "Credit limit", "Used", "Held by open bids", "Save", "not a buyer", "Search", "EUR",
            "Rows per page", "of", "Next page", "Previous page", "First page", "Last page", "Buyer", "Publisher",
        ]);
    }

    [Fact]
    public async Task The_accounts_table_reads_in_English()
    {
        using var culture = new CultureScope("en");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<AccountsAdmin>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll($"[data-testid='save-{TestAccounts.Buyer1.Email}']")));
        var words = Words(page.Nodes);
        foreach (var english in new[] { "Accounts", "Credit limit (€)", "Held by open bids", "Rows per page", "not a buyer" })
        {
            Assert.Contains(english, words, StringComparison.Ordinal);
        }
    }

    /// <summary>What a reader meets: the text, and the labels, tooltips and placeholders that are read out or shown.</summary>
    private static string Words(INodeList nodes)
    {
        var words = nodes.Select(n => n.TextContent).ToList();
        foreach (var element in nodes.OfType<IElement>().SelectMany(e => e.QuerySelectorAll("*").Prepend(e)))
        {
            words.AddRange(element.Attributes.Where(a => a.Name is "title" or "aria-label" or "placeholder" or "data-label").Select(a => a.Value));
        }

        return string.Join("\n", words);
    }
}
