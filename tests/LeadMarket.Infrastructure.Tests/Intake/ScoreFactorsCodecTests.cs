using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;

namespace LeadMarket.Infrastructure.Tests.Intake;

public sealed class ScoreFactorsCodecTests
{
    [Fact]
    public void Factors_round_trip_through_the_stored_form()
    {
        ScoreFactor[] factors = [new("Double opt-in confirmed", 30, 30), new("Phone number given", 0, 15), new("Ratio 1:2 / mixed", 4, 24)];

        var stored = ScoreFactorsCodec.Write(factors);

        Assert.Equal("Double opt-in confirmed:30/30;Phone number given:0/15;Ratio 1:2 / mixed:4/24", stored);
        Assert.Equal(factors, ScoreFactorsCodec.Read(stored));
    }

    [Fact]
    public void A_scores_factors_as_the_domain_makes_them_round_trip()
    {
        var contact = new LeadContact("Anna", "Schmidt", "anna@example.de", "+49 89 1234567", "Leopoldstr. 1", "80331", "München", "DE");
        var optIn = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
        var score = LeadScore.For(contact, new ConsentEvidence(optIn, "203.0.113.7", "", "https://example.de", "I agree to be contacted.", null, optIn.AddMinutes(3), null), "solar roof");

        Assert.Equal(score.Factors, ScoreFactorsCodec.Read(ScoreFactorsCodec.Write(score.Factors)));
    }

    [Fact]
    public void The_same_stored_form_reads_as_the_same_list_so_cards_with_it_compare_equal()
    {
        var stored = new string("Specific need:9/15".ToCharArray());

        Assert.Same(ScoreFactorsCodec.Read("Specific need:9/15"), ScoreFactorsCodec.Read(stored));
    }

    [Fact]
    public void Parts_that_do_not_read_as_factors_are_left_out()
    {
        var factors = ScoreFactorsCodec.Read("no points;Phone number given:15/15;Bad:x/15;");

        Assert.Equal([new ScoreFactor("Phone number given", 15, 15)], factors);
    }

    [Fact]
    public void A_factor_name_with_the_separator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ScoreFactorsCodec.Write([new ScoreFactor("a;b", 1, 1)]));
    }
}
