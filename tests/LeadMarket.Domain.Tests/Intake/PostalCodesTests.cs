using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class PostalCodesTests
{
    [Theory]
    [InlineData("DE", "80802", "80802")]
    [InlineData("DE", " 01067 ", "01067")]
    [InlineData("DE", "80 802", "80802")]
    [InlineData("DE", "01001", "01001")]
    [InlineData("AT", "1010", "1010")]
    [InlineData("AT", "9992", "9992")]
    [InlineData("CH", "1000", "1000")]
    [InlineData("CH", "9658", "9658")]
    [InlineData("NL", "1012 ab", "1012 AB")]
    [InlineData("GB", "sw1a  1aa", "SW1A 1AA")]
    [InlineData("PL", "00-950", "00-950")]
    [InlineData("", "12345", "12345")]
    public void A_postal_code_of_its_country_is_kept_in_its_normalized_form(string country, string code, string expected)
    {
        var normalized = PostalCodes.Normalize(country, code);

        Assert.True(normalized.Ok, normalized.Message);
        Assert.Equal(expected, normalized.Value);
    }

    [Theory]
    [InlineData("DE", "99999")]
    [InlineData("DE", "00000")]
    [InlineData("DE", "8080")]
    [InlineData("DE", "808021")]
    [InlineData("DE", "8O802")]
    [InlineData("AT", "1009")]
    [InlineData("AT", "9993")]
    [InlineData("AT", "10100")]
    [InlineData("CH", "0999")]
    [InlineData("CH", "9659")]
    [InlineData("FR", "75")]
    [InlineData("FR", "12345678901")]
    [InlineData("FR", "75-")]
    [InlineData("FR", "75_008")]
    [InlineData("FR", "٧٥٠٠٨")]
    public void A_code_that_does_not_exist_in_its_country_is_an_invalid_postal_code(string country, string code)
    {
        Assert.Equal(FieldErrorCodes.InvalidPostalCode, PostalCodes.Normalize(country, code).Code);
    }

    [Fact]
    public void An_empty_postal_code_is_missing()
    {
        Assert.Equal(FieldErrorCodes.MissingField, PostalCodes.Normalize("DE", "  ").Code);
    }

    [Fact]
    public void The_german_list_is_the_published_one()
    {
        Assert.Equal(8210, PostalCodes.GermanCodes.Count);
        Assert.All(PostalCodes.GermanCodes, c => Assert.Matches("^[0-9]{5}$", c));
        Assert.Contains("99998", PostalCodes.GermanCodes);
    }

    private static readonly Gen<(string Country, string Code)> CodeLike =
        from country in Gen.Elements("DE", "AT", "CH", "NL", "GB", "FR", "")
        from code in Gen.OneOf(
            Gen.Elements(PostalCodes.GermanCodes.Take(400).ToArray()),
            Gen.Choose(0, 99999).Select(n => n.ToString("00000", System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Choose(900, 10000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            Gen.Elements("1012 ab", "sw1a 1aa", " 00-950", "a1b 2c3", "x", "ab-", "12 34 56"),
            ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""))
        select (country, code);

    [Property(MaxTest = 500)]
    public Property Normalizing_twice_is_normalizing_once_and_the_area_is_a_prefix_of_the_code() =>
        Prop.ForAll(CodeLike.ToArbitrary(), input =>
        {
            var once = PostalCodes.Normalize(input.Country, input.Code);
            if (!once.Ok)
            {
                return;
            }

            Assert.Equal(once, PostalCodes.Normalize(input.Country, once.Value));
            var area = PostalArea.From(input.Country.Length == 0 ? "XX" : input.Country, once.Value);
            var kept = area[3..].TrimEnd('x');
            var compact = new string(once.Value.Where(char.IsLetterOrDigit).ToArray());
            Assert.StartsWith(kept, compact, StringComparison.Ordinal);
            Assert.True(kept.Length < compact.Length);
        });
}
