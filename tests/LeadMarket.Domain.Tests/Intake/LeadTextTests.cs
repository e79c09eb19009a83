using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadTextTests
{
    [Theory]
    [InlineData("=1+1", true)]
    [InlineData("  =1+1", true)]
    [InlineData("+1", true)]
    [InlineData("-1", true)]
    [InlineData("@A1", true)]
    [InlineData("\tx", true)]
    [InlineData("\rx", true)]
    [InlineData("Anna", false)]
    [InlineData("a=1", false)]
    [InlineData("", false)]
    public void Values_that_a_spreadsheet_would_run_as_a_formula_are_recognized(string value, bool formula)
    {
        Assert.Equal(formula, LeadText.StartsFormula(value));
    }

    [Fact]
    public void A_phone_may_start_with_plus_but_no_other_formula_character()
    {
        Assert.False(LeadText.StartsFormula("+49 151 58374926", phone: true));
        Assert.True(LeadText.StartsFormula("=49", phone: true));
    }

    [Theory]
    [InlineData("Anna", true)]
    [InlineData("Zeile 1\nZeile 2\t", true)]
    [InlineData("😀", true)]
    [InlineData("a\u0000", false)]
    [InlineData("a\u007F", false)]
    public void Well_formed_text_has_no_lone_surrogates_and_no_control_characters(string value, bool wellFormed)
    {
        Assert.Equal(wellFormed, LeadText.IsWellFormed(value));
    }

    [Fact]
    public void Lone_surrogates_are_not_well_formed_and_clean_keeps_them_without_throwing()
    {
        Assert.False(LeadText.IsWellFormed("\uD83D"));
        Assert.False(LeadText.IsWellFormed("\uDE00x"));
        Assert.False(LeadText.IsWellFormed("x\uD83Dx"));
        Assert.Equal("\uD83D x", LeadText.Clean(" \uD83D   x "));
    }
}
