using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.Auctions;
using LeadMarket.Infrastructure.Intake;
using LeadMarket.Infrastructure.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class VerticalFieldAdministrationTests(SqliteMarket market) : IClassFixture<SqliteMarket>
{
    private VerticalFieldAdministration Admin => market.Services.GetRequiredService<VerticalFieldAdministration>();

    private VerticalRulesStore Store => market.Services.GetRequiredService<VerticalRulesStore>();

    [Fact]
    public async Task Seeded_solar_has_its_minimum_criteria_as_rules()
    {
        var solar = (await Admin.ListAsync()).Single(v => v.Slug == "solar");

        var rules = (await Store.GetAsync(solar.VerticalId))!.Rules.Fields;

        Assert.Equal(new VerticalFieldRule("owner_occupied", VerticalFieldKind.YesNo, true, MustBe: "yes"), rules.Single(r => r.Name == "owner_occupied"));
        var roof = rules.Single(r => r.Name == "roof_m2");
        Assert.Equal((VerticalFieldKind.Number, true, 20m, 2000m), (roof.Kind, roof.Required, roof.Minimum, roof.Maximum));
        Assert.Equal(["house", "semi", "apartment"], rules.Single(r => r.Name == "building_type").Choices);
        Assert.Equal(30, (await Store.GetAsync(solar.VerticalId))!.DuplicateWindowDays);
    }

    [Fact]
    public async Task Every_seeded_vertical_has_two_to_four_fields_and_at_least_one_required()
    {
        foreach (var vertical in (await Admin.ListAsync()).Where(v => v.Slug is "solar" or "insurance" or "finance" or "trades"))
        {
            Assert.InRange(vertical.Fields.Count, 2, 4);
            Assert.Contains(vertical.Fields, f => f.Required);
        }
    }

    [Fact]
    public async Task An_added_field_is_listed_in_order_and_reaches_the_rules_at_once()
    {
        var vertical = await NewVerticalAsync();
        _ = await Store.GetAsync(vertical); // read (and kept) before the change

        var second = await Admin.AddAsync(vertical, new VerticalFieldInput("tank_litres", "Tank size (litres)", VerticalFieldKind.Number, true, Minimum: 100m, Maximum: 10_000m, SortOrder: 20));
        var first = await Admin.AddAsync(vertical, new VerticalFieldInput("heating_type", "Heating", VerticalFieldKind.Choice, false, Choices: " gas, oil ,heat_pump ", MustBe: "gas,oil", SortOrder: 10));

        Assert.True(second.Ok);
        Assert.True(first.Ok);
        var listed = (await Admin.ListAsync()).Single(v => v.VerticalId == vertical).Fields;
        Assert.Equal(["heating_type", "tank_litres"], listed.Select(f => f.Name));
        Assert.Equal(["gas", "oil", "heat_pump"], listed[0].Choices);
        var rules = (await Store.GetAsync(vertical))!.Rules.Fields;
        Assert.Equal(["heating_type", "tank_litres"], rules.Select(r => r.Name));
        Assert.Equal("gas,oil", rules[0].MustBe);
    }

    [Theory]
    [InlineData("Roof Size", VerticalFieldProblem.InvalidName)]
    [InlineData("1st_roof", VerticalFieldProblem.InvalidName)]
    [InlineData("roof__m2", VerticalFieldProblem.InvalidName)]
    [InlineData("roof_m2_", VerticalFieldProblem.InvalidName)]
    [InlineData("r", VerticalFieldProblem.InvalidName)]
    [InlineData("dach-fläche", VerticalFieldProblem.InvalidName)]
    [InlineData("email", VerticalFieldProblem.ReservedName)]
    [InlineData("postal_code", VerticalFieldProblem.ReservedName)]
    public async Task A_name_that_is_not_snake_case_or_is_a_lead_column_is_refused(string name, VerticalFieldProblem problem)
    {
        var vertical = await NewVerticalAsync();

        var result = await Admin.AddAsync(vertical, new VerticalFieldInput(name, "Label", VerticalFieldKind.Text, false));

        Assert.Equal(problem, result.Problem);
        Assert.Empty((await Admin.ListAsync()).Single(v => v.VerticalId == vertical).Fields);
    }

    [Fact]
    public async Task A_name_used_in_the_vertical_is_refused_but_may_be_used_in_another()
    {
        var vertical = await NewVerticalAsync();
        var other = await NewVerticalAsync();
        var field = new VerticalFieldInput("owner_occupied", "Owner-occupied", VerticalFieldKind.YesNo, true);
        Assert.True((await Admin.AddAsync(vertical, field)).Ok);

        Assert.Equal(VerticalFieldProblem.DuplicateName, (await Admin.AddAsync(vertical, field with { Label = "Again" })).Problem);
        Assert.True((await Admin.AddAsync(other, field)).Ok);
    }

    [Theory]
    [InlineData(VerticalFieldKind.Choice, "", null, null, null, VerticalFieldProblem.ChoicesMissing)]
    [InlineData(VerticalFieldKind.Choice, "a,b,A", null, null, null, VerticalFieldProblem.InvalidChoices)]
    [InlineData(VerticalFieldKind.Choice, "house,semi", "villa", null, null, VerticalFieldProblem.InvalidMustBe)]
    [InlineData(VerticalFieldKind.YesNo, null, "maybe", null, null, VerticalFieldProblem.InvalidMustBe)]
    [InlineData(VerticalFieldKind.Number, null, null, 100, 10, VerticalFieldProblem.InvalidRange)]
    public async Task A_field_whose_settings_contradict_its_kind_is_refused(
        VerticalFieldKind kind, string? choices, string? mustBe, int? minimum, int? maximum, VerticalFieldProblem problem)
    {
        var vertical = await NewVerticalAsync();

        var result = await Admin.AddAsync(vertical, new VerticalFieldInput("some_field", "Some field", kind, false, choices, minimum, maximum, mustBe));

        Assert.Equal(problem, result.Problem);
    }

    [Fact]
    public async Task Settings_that_do_not_apply_to_the_kind_are_dropped()
    {
        var vertical = await NewVerticalAsync();

        Assert.True((await Admin.AddAsync(vertical, new VerticalFieldInput("comment", "Comment", VerticalFieldKind.Text, false, "a,b", 1m, 2m, "a"))).Ok);

        var field = (await Admin.ListAsync()).Single(v => v.VerticalId == vertical).Fields.Single();
        Assert.Equal((0, (decimal?)null, (decimal?)null, (string?)null), (field.Choices.Count, field.Minimum, field.Maximum, field.MustBe));
    }

    [Fact]
    public async Task Updating_a_field_changes_its_rule_and_a_rename_to_a_used_name_is_refused()
    {
        var vertical = await NewVerticalAsync();
        var roof = (await Admin.AddAsync(vertical, new VerticalFieldInput("roof_m2", "Roof", VerticalFieldKind.Number, true, Minimum: 20m))).FieldId!.Value;
        Assert.True((await Admin.AddAsync(vertical, new VerticalFieldInput("owner_occupied", "Owner", VerticalFieldKind.YesNo, true))).Ok);

        Assert.True((await Admin.UpdateAsync(roof, new VerticalFieldInput("roof_area_m2", "Roof area", VerticalFieldKind.Number, false, Minimum: 30m, Maximum: 500m))).Ok);
        var renamed = await Admin.UpdateAsync(roof, new VerticalFieldInput("owner_occupied", "Roof area", VerticalFieldKind.Number, false));

        Assert.Equal(VerticalFieldProblem.DuplicateName, renamed.Problem);
        var rule = (await Store.GetAsync(vertical))!.Rules.Fields.Single(r => r.Kind == VerticalFieldKind.Number);
        Assert.Equal(new VerticalFieldRule("roof_area_m2", VerticalFieldKind.Number, false, null, 30m, 500m), rule with { Choices = null });
    }

    [Fact]
    public async Task A_removed_field_is_gone_from_the_rules_and_removing_it_again_says_so()
    {
        var vertical = await NewVerticalAsync();
        var field = (await Admin.AddAsync(vertical, new VerticalFieldInput("trade", "Trade", VerticalFieldKind.Choice, true, "roofing,heating"))).FieldId!.Value;
        Assert.Single((await Store.GetAsync(vertical))!.Rules.Fields);

        Assert.True((await Admin.RemoveAsync(field)).Ok);

        Assert.Empty((await Store.GetAsync(vertical))!.Rules.Fields);
        Assert.Equal(VerticalFieldProblem.NoSuchField, (await Admin.RemoveAsync(field)).Problem);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(366)]
    public async Task A_duplicate_window_outside_1_to_365_days_is_refused(int days)
    {
        var vertical = await NewVerticalAsync();

        Assert.Equal(VerticalFieldProblem.InvalidDuplicateWindow, (await Admin.SetDuplicateWindowAsync(vertical, days)).Problem);
        Assert.Equal(30, (await Store.GetAsync(vertical))!.DuplicateWindowDays);
    }

    [Fact]
    public async Task A_new_duplicate_window_reaches_the_rules_at_once()
    {
        var vertical = await NewVerticalAsync();
        _ = await Store.GetAsync(vertical);

        Assert.True((await Admin.SetDuplicateWindowAsync(vertical, 90)).Ok);

        Assert.Equal(TimeSpan.FromDays(90), (await Store.GetAsync(vertical))!.DuplicateWindow);
    }

    [Fact]
    public async Task A_vertical_holds_at_most_the_maximum_number_of_fields()
    {
        var vertical = await NewVerticalAsync();
        for (var i = 0; i < VerticalFieldAdministration.MaxFieldsPerVertical; i++)
        {
            Assert.True((await Admin.AddAsync(vertical, new VerticalFieldInput($"field_{i}", $"Field {i}", VerticalFieldKind.Text, false))).Ok);
        }

        var result = await Admin.AddAsync(vertical, new VerticalFieldInput("one_more", "One more", VerticalFieldKind.Text, false));

        Assert.Equal(VerticalFieldProblem.TooManyFields, result.Problem);
    }

    private async Task<Guid> NewVerticalAsync()
    {
        var structure = market.Services.GetRequiredService<MarketAdministration>();
        var slug = "v-" + Guid.NewGuid().ToString("N")[..12];
        Assert.Null(await structure.AddVerticalAsync(slug, "Test " + slug, 10m, 0.5m));
        return (await structure.ListVerticalsAsync()).Single(v => v.Slug == slug).Id;
    }
}
