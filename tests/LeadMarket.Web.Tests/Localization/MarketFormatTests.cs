using System.Globalization;
using LeadMarket.Web.Localization;

namespace LeadMarket.Web.Tests.Localization;

public sealed class MarketFormatTests
{
    private static readonly TimeZoneInfo Berlin = MarketTimeZones.Find("Europe/Berlin")!;

    [Fact]
    public void Money_is_written_in_euros_the_German_way_in_German()
    {
        Assert.Equal("1.234,50\u00A0€", MarketFormat.Money(1234.5m, CultureInfo.GetCultureInfo("de")));
        Assert.Equal("-5,00\u00A0€", MarketFormat.Money(-5m, CultureInfo.GetCultureInfo("de")));
    }

    [Fact]
    public void Money_is_written_in_euros_the_English_way_in_English()
    {
        Assert.Equal("€1,234.50", MarketFormat.Money(1234.5m, CultureInfo.GetCultureInfo("en")));
        Assert.Equal("-€5.00", MarketFormat.Money(-5m, CultureInfo.GetCultureInfo("en")));
    }

    [Fact]
    public void Money_follows_the_current_culture()
    {
        using (new CultureScope("de"))
        {
            Assert.Equal("12,50\u00A0€", MarketFormat.Money(12.5m, "EUR"));
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("€12.50", MarketFormat.Money(12.5m, "EUR"));
        }
    }

    [Fact]
    public void A_time_is_shown_on_the_clock_of_Europe_Berlin_winter_and_summer()
    {
        var format = new MarketFormat(Berlin);
        using var german = new CultureScope("de");

        Assert.Equal("08.12.2026 13:05", format.DateTime(new DateTimeOffset(2026, 12, 8, 12, 5, 0, TimeSpan.Zero)));
        Assert.Equal("01.07.2026 14:05", format.DateTime(new DateTimeOffset(2026, 7, 1, 12, 5, 0, TimeSpan.Zero)));
        Assert.Equal("13:05:09", format.TimeOfDay(new DateTimeOffset(2026, 12, 8, 12, 5, 9, TimeSpan.Zero)));
        Assert.Equal("08.12.2026 13:05:09 (UTC+01:00)", format.Timestamp(new DateTimeOffset(2026, 12, 8, 12, 5, 9, TimeSpan.Zero)));
    }

    [Fact]
    public void The_preferred_time_zones_come_first_and_every_choice_is_a_known_zone()
    {
        Assert.Equal(["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"], MarketTimeZones.Choices.Take(3));
        Assert.Contains("America/New_York", MarketTimeZones.Choices);
        Assert.Equal(MarketTimeZones.Choices.Count, MarketTimeZones.Choices.Distinct().Count());
        Assert.All(MarketTimeZones.Choices.Take(20), id => Assert.NotNull(MarketTimeZones.Find(id)));
        Assert.Null(MarketTimeZones.Find("Mars/Olympus_Mons"));
    }
}
