using LeadMarket.Domain.Intake;
using LeadMarket.Web.Components.Auctions;
using LeadMarket.Web.Tests.Support;

namespace LeadMarket.Web.Tests.Localization;

public sealed class ScoreFactorLabelsTests
{
    private static readonly ScoreFactor[] Factors =
    [
        new(ScoreFactorNames.Doi, 30, 30), new(ScoreFactorNames.Phone, 20, 20), new(ScoreFactorNames.Completeness, 12, 20),
        new(ScoreFactorNames.Freshness, 15, 15), new(ScoreFactorNames.Intent, 8, 15),
    ];

    [Fact]
    public void The_score_tooltip_names_each_factor_in_German()
    {
        using var culture = new CultureScope("de-DE");

        var text = LotCardMarkup.FactorsText(85, Factors, TestTexts.Bid);

        foreach (var label in new[] { "Double-Opt-in bestätigt", "Telefon: Art und Gültigkeit", "Vollständige Kontaktdaten", "Aktualität", "Kaufabsicht" })
        {
            Assert.Contains(label, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("doi", text, StringComparison.Ordinal);
        Assert.DoesNotContain("freshness", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_score_tooltip_names_each_factor_in_English_and_keeps_older_English_names()
    {
        using var culture = new CultureScope("en-US");

        var text = LotCardMarkup.FactorsText(85, [.. Factors, new ScoreFactor("Specific need", 9, 15)], TestTexts.Bid);

        Assert.Contains("Double opt-in confirmed", text, StringComparison.Ordinal);
        Assert.Contains("Purchase intent", text, StringComparison.Ordinal);
        Assert.Contains("Specific need", text, StringComparison.Ordinal);
    }
}
