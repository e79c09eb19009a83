using Bunit;
using AdminPage = LeadMarket.Web.Components.Pages.Admin.Admin;
using LeadMarket.Web.Tests.Admin;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

/// <summary>The administration page's own heading and tabs in English and German.</summary>
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
}
