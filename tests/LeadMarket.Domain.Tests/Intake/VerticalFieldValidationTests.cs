using LeadMarket.Domain.Intake;
using static LeadMarket.Domain.Tests.Intake.PrePingFixture;

namespace LeadMarket.Domain.Tests.Intake;

public class VerticalFieldValidationTests
{
    private static VerticalFieldCheck Check(params (string Name, string Value)[] fields) =>
        VerticalFieldValidation.Check(fields.ToDictionary(f => f.Name, f => f.Value), Solar, 4);

    private static FieldError Single(params (string Name, string Value)[] fields) => Assert.Single(Check(fields).Errors);

    [Fact]
    public void Fields_are_stored_in_one_form_in_the_verticals_order()
    {
        var check = Check(("remarks", "  south  facing "), ("roof_type", "FLAT"), ("owner_occupied", "Ja"), ("roof_m2", "120,50"));

        Assert.Empty(check.Errors);
        Assert.Equal([("roof_m2", "120.5"), ("owner_occupied", "yes"), ("roof_type", "flat"), ("remarks", "south facing")],
            check.Fields.Select(f => (f.Key, f.Value)));
    }

    [Fact]
    public void A_required_field_missing_is_reported_with_its_field_name()
    {
        var error = Single(("roof_m2", "40"));

        Assert.Equal(("fields.owner_occupied", FieldErrorCodes.MissingField, 4), (error.Field, error.Code, error.Row));
    }

    [Theory]
    [InlineData("roof_m2", "forty")]
    [InlineData("roof_m2", "1.000,5")]
    [InlineData("roof_m2", "5001")]
    [InlineData("owner_occupied", "maybe")]
    [InlineData("roof_type", "dome")]
    [InlineData("remarks", "=HYPERLINK(\"x\")")]
    [InlineData("roof_type", "@flat")]
    public void A_value_that_does_not_parse_as_its_kind_or_exceeds_the_maximum_is_invalid(string name, string value)
    {
        var fields = new List<(string, string)> { ("roof_m2", "40"), ("owner_occupied", "yes") };
        fields.RemoveAll(f => f.Item1 == name);
        fields.Add((name, value));

        var error = Single([.. fields]);

        Assert.Equal(($"fields.{name}", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Theory]
    [InlineData("roof_m2", "19.9")]
    [InlineData("roof_m2", "-5")]
    [InlineData("owner_occupied", "nein")]
    [InlineData("roof_type", "hipped")]
    public void A_value_below_the_verticals_minimum_criteria_is_reported_as_such(string name, string value)
    {
        var fields = new List<(string, string)> { ("roof_m2", "40"), ("owner_occupied", "yes") };
        fields.RemoveAll(f => f.Item1 == name);
        fields.Add((name, value));

        var error = Single([.. fields]);

        Assert.Equal(($"fields.{name}", FieldErrorCodes.BelowMinimumCriteria), (error.Field, error.Code));
    }

    [Fact]
    public void A_field_the_vertical_does_not_have_is_invalid_unless_it_is_empty()
    {
        var error = Single(("roof_m2", "40"), ("owner_occupied", "yes"), ("heat_pump", "yes"), ("blank_column", " "));

        Assert.Equal(("fields.heat_pump", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Fact]
    public void An_unknown_field_whose_name_is_not_a_field_name_is_reported_on_fields_without_the_name()
    {
        var error = Single(("roof_m2", "40"), ("owner_occupied", "yes"), ("Anna Schmidt's phone", "x"));

        Assert.Equal(("fields", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
        Assert.DoesNotContain("Anna", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_fifty_fields_are_refused_as_a_whole()
    {
        var fields = Enumerable.Range(0, 51).Select(i => ($"f{i}", "x")).ToArray();

        Assert.Equal(("fields", FieldErrorCodes.InvalidValue), (Single(fields).Field, Single(fields).Code));
    }

    [Fact]
    public void A_value_longer_than_500_characters_is_invalid()
    {
        var error = Single(("roof_m2", "40"), ("owner_occupied", "yes"), ("remarks", new string('r', 501)));

        Assert.Equal(("fields.remarks", FieldErrorCodes.InvalidValue), (error.Field, error.Code));
    }

    [Fact]
    public void A_vertical_without_fields_takes_no_fields()
    {
        Assert.Empty(VerticalFieldValidation.Check(new Dictionary<string, string>(), VerticalRules.None("trades"), 1).Errors);
    }
}
