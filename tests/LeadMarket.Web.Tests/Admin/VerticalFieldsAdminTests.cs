using Bunit;
using LeadMarket.Domain.Accounts;
using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Web.Components.Intake;
using LeadMarket.Web.Tests.Localization;
using LeadMarket.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Web.Tests.Admin;

public sealed class VerticalFieldsAdminTests(MarketFixture market) : AdminTestContext(market), IClassFixture<MarketFixture>
{
    private VerticalFieldAdministration Fields => App.Services.GetRequiredService<VerticalFieldAdministration>();

    [Fact]
    public async Task Adding_a_yes_no_field_lists_it_and_stores_its_minimum_criterion()
    {
        using var culture = new CultureScope("en");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<VerticalFieldsAdmin>();

        Choose(page, "Vertical", "Trades");
        page.WaitForElement("#field-name").Input("permit_needed");
        page.Find("#field-label").Input("Building permit needed");
        Choose(page, "Kind", "Yes/no");
        page.WaitForElement("#field-must-be").Input("no");
        page.Find("#field-order").Change("50");
        page.Find("form[aria-label='Add a field']").Submit();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), row => row.TextContent.Contains("permit_needed") && row.TextContent.Contains("must be no")));
        Assert.Empty(page.FindAll("[data-testid=field-error]"));
        var stored = (await Fields.ListAsync()).Single(v => v.Slug == "trades").Fields.Single(f => f.Name == "permit_needed");
        Assert.Equal((VerticalFieldKind.YesNo, "Building permit needed", "no", 50), (stored.Kind, stored.Label, stored.MustBe, stored.SortOrder));
    }

    [Fact]
    public async Task A_name_that_is_not_snake_case_is_refused_with_the_reason_in_German()
    {
        using var culture = new CultureScope("de");
        await SignInAsync("admin", Roles.Admin);
        var before = (await Fields.ListAsync()).Single(v => v.Slug == "finance").Fields.Count;
        var (_, page) = RenderWithProviders<VerticalFieldsAdmin>();

        page.WaitForElement("#field-name").Input("Dach Fläche");
        page.Find("#field-label").Input("Dachfläche");
        page.Find("form[aria-label='Feld hinzufügen']").Submit();

        var error = page.WaitForElement("[data-testid=field-error]");
        Assert.Equal(
            "Der Name muss 2 bis 40 Zeichen in snake_case haben: Kleinbuchstaben und Ziffern, Wörter durch einzelne Unterstriche verbunden, am Anfang ein Buchstabe (z. B. roof_m2).",
            error.TextContent.Trim());
        Assert.Equal(before, (await Fields.ListAsync()).Single(v => v.Slug == "finance").Fields.Count);
    }

    [Fact]
    public async Task Removing_a_field_after_confirming_takes_it_out_of_the_vertical()
    {
        using var culture = new CultureScope("en");
        await SignInAsync("admin", Roles.Admin);
        var (dialogs, page) = RenderWithProviders<VerticalFieldsAdmin>();

        Choose(page, "Vertical", "Insurance");
        page.WaitForElement("button[aria-label='Remove currently_insured']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Remove this field?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim().Equals("Remove", StringComparison.OrdinalIgnoreCase)).Click();

        page.WaitForAssertion(() => Assert.DoesNotContain(page.FindAll("tbody tr"), row => row.TextContent.Contains("currently_insured")));
        var insurance = (await Fields.ListAsync()).Single(v => v.Slug == "insurance");
        Assert.DoesNotContain(insurance.Fields, f => f.Name == "currently_insured");
        Assert.Contains(insurance.Fields, f => f.Name == "insurance_type");
    }

    [Fact]
    public async Task A_duplicate_window_beyond_a_year_is_refused_and_one_of_90_days_is_saved()
    {
        using var culture = new CultureScope("en");
        await SignInAsync("admin", Roles.Admin);
        var (_, page) = RenderWithProviders<VerticalFieldsAdmin>();
        Choose(page, "Vertical", "Solar");

        page.WaitForElement("#duplicate-window").Change("400");
        page.Find("form[aria-label='Duplicate window']").Submit();
        Assert.Equal("The duplicate window is 1 to 365 days.", page.WaitForElement("[data-testid=field-error]").TextContent.Trim());

        page.Find("#duplicate-window").Change("90");
        page.Find("form[aria-label='Duplicate window']").Submit();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=field-error]")));
        Assert.Equal(90, (await Fields.ListAsync()).Single(v => v.Slug == "solar").DuplicateWindowDays);
    }
}
