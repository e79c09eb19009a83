using FsCheck;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class PostalAreaTests
{
    [Theory]
    [InlineData("DE", "80331", "DE-80xxx")]
    [InlineData("de", "80331", "DE-80xxx")]
    [InlineData("DE", " 80 331 ", "DE-80xxx")]
    [InlineData("FR", "75008", "FR-75xxx")]
    [InlineData("AT", "1010", "AT-1xxx")]
    [InlineData("CH", "8001", "CH-8xxx")]
    [InlineData("NL", "1012 ab", "NL-1xxxxx")]
    [InlineData("GB", "SW1A 1AA", "GB-SWxxxxx")]
    [InlineData("DE", "010", "DE-01x")]
    public void Area_keeps_only_the_leading_zone_of_the_postal_code(string country, string postalCode, string expected)
    {
        Assert.Equal(expected, PostalArea.From(country, postalCode));
    }

    [Theory]
    [InlineData("")]
    [InlineData("8")]
    [InlineData("80")]
    [InlineData(" 8-0 ")]
    public void Postal_code_shorter_than_three_characters_throws(string postalCode)
    {
        var ex = Assert.Throws<ArgumentException>(() => PostalArea.From("DE", postalCode));

        Assert.Equal("postalCode", ex.ParamName);
    }

    [Property(MaxTest = 200)]
    public void German_area_never_shows_more_than_the_first_two_digits(PositiveInt seed)
    {
        var code = (10000 + (seed.Get % 90000)).ToString("00000", System.Globalization.CultureInfo.InvariantCulture);

        var area = PostalArea.From("DE", code);

        Assert.Equal($"DE-{code[..2]}xxx", area);
        Assert.DoesNotContain(code, area, StringComparison.Ordinal);
    }
}
