using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;
using static LeadMarket.Domain.Tests.Intake.PrePingFixture;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadScoreTests
{
    private static readonly DateTimeOffset OptIn = Now.AddHours(-2);

    private static readonly LeadContact Contact = new("Anna", "Schmidt", "anna.schmidt@web.de", "+4915158374926", "Leopoldstraße 12", "80802", "München", "DE");

    private static readonly ConsentEvidence Doi = new(OptIn, "203.0.113.7", "Mozilla/5.0", "https://solar.example.net/offer",
        "I agree that SolarCo may contact me about solar offers.", OptIn.AddMinutes(1), OptIn.AddMinutes(9), "203.0.113.7")
    {
        TrustedFormCertUrl = "https://cert.trustedform.com/" + new string('a', 40),
    };

    private static readonly Dictionary<string, string> AllFields = new() { ["roof_m2"] = "40", ["owner_occupied"] = "yes", ["roof_type"] = "flat", ["remarks"] = "south" };

    private const string SpecificNeed = "quote for a 10 kWp solar roof";

    private static LeadScore Score(LeadContact? contact = null, PhoneKind kind = PhoneKind.Mobile, ConsentEvidence? consent = null, string need = SpecificNeed,
        IReadOnlyDictionary<string, string>? fields = null, VerticalRules? vertical = null, DateTimeOffset? now = null) =>
        LeadScore.For(contact ?? Contact, kind, consent ?? Doi, need, fields ?? AllFields, vertical ?? Solar, now ?? Now);

    private static int Points(LeadScore score, string factor) => score.Factors.Single(f => f.Name == factor).Points;

    [Fact]
    public void A_fresh_complete_mobile_doi_lead_with_all_fields_and_a_specific_need_scores_100()
    {
        var score = Score();

        Assert.Equal(100, score.Value);
        Assert.All(score.Factors, f => Assert.Equal(f.MaxPoints, f.Points));
        Assert.Equal(ScoreFactorNames.All, score.Factors.Select(f => f.Name));
    }

    [Fact]
    public void Double_opt_in_is_worth_thirty_points()
    {
        var single = Score(consent: Doi with { ConfirmationSentAt = null, ConfirmedAt = null, ConfirmedIp = null });

        Assert.Equal(70, single.Value);
        Assert.Equal(0, Points(single, ScoreFactorNames.Doi));
    }

    [Theory]
    [InlineData(PhoneKind.Mobile, 20)]
    [InlineData(PhoneKind.FixedLineOrMobile, 16)]
    [InlineData(PhoneKind.FixedLine, 12)]
    [InlineData(PhoneKind.Voip, 6)]
    [InlineData(PhoneKind.Other, 4)]
    [InlineData(PhoneKind.Unknown, 0)]
    public void A_mobile_number_scores_above_a_fixed_line(PhoneKind kind, int points)
    {
        Assert.Equal(points, Points(Score(kind: kind), ScoreFactorNames.Phone));
    }

    [Fact]
    public void Without_phone_neither_phone_nor_its_completeness_points_are_earned()
    {
        var score = Score(Contact with { Phone = "" }, PhoneKind.Unknown);

        Assert.Equal(0, Points(score, ScoreFactorNames.Phone));
        Assert.Equal(13, Points(score, ScoreFactorNames.Completeness));
    }

    [Fact]
    public void Completeness_counts_street_phone_and_an_independent_proof()
    {
        Assert.Equal(7, Points(Score(Contact with { Street = "", Phone = "" }), ScoreFactorNames.Completeness));
        Assert.Equal(0, Points(Score(Contact with { Street = "", Phone = "" }, consent: Doi with { TrustedFormCertUrl = null }), ScoreFactorNames.Completeness));
        Assert.Equal(20, Points(Score(consent: Doi with { TrustedFormCertUrl = null, JornayaLeadId = "0B7F4C2E-1A2B-4C3D-8E9F-0123456789AB" }), ScoreFactorNames.Completeness));
    }

    [Theory]
    [InlineData(0, 15)]
    [InlineData(24, 15)]
    [InlineData(25, 12)]
    [InlineData(24 * 7, 12)]
    [InlineData(24 * 30, 8)]
    [InlineData(24 * 90, 4)]
    [InlineData(24 * 91, 0)]
    public void Freshness_falls_with_the_age_of_the_opt_in(int hours, int points)
    {
        Assert.Equal(points, Points(Score(now: OptIn.AddHours(hours)), ScoreFactorNames.Freshness));
    }

    [Theory]
    [InlineData(4, SpecificNeed, 15)]
    [InlineData(2, SpecificNeed, 11)]
    [InlineData(0, SpecificNeed, 7)]
    [InlineData(4, "solar", 9)]
    [InlineData(4, "solar roof quote", 12)]
    public void Intent_counts_the_verticals_fields_filled_and_the_words_of_the_need(int filled, string need, int points)
    {
        var fields = AllFields.Take(filled).ToDictionary();

        Assert.Equal(points, Points(Score(need: need, fields: fields), ScoreFactorNames.Intent));
    }

    [Fact]
    public void Without_vertical_fields_intent_is_the_need_alone()
    {
        Assert.Equal(15, Points(Score(vertical: VerticalRules.None("trades")), ScoreFactorNames.Intent));
        Assert.Equal(9, Points(Score(need: "roof solar quote", vertical: VerticalRules.None("trades")), ScoreFactorNames.Intent));
    }

    [Fact]
    public void The_adapter_of_the_old_upload_reads_the_phone_kind_from_the_number()
    {
        var mobile = LeadScore.For(Contact, Doi, SpecificNeed);
        var fixedLine = LeadScore.For(Contact with { Phone = "+49 89 2180 3456" }, Doi, SpecificNeed);
        var invalid = LeadScore.For(Contact with { Phone = "12 345" }, Doi, SpecificNeed);

        Assert.Equal((20, 12, 0), (Points(mobile, ScoreFactorNames.Phone), Points(fixedLine, ScoreFactorNames.Phone), Points(invalid, ScoreFactorNames.Phone)));
    }

    [Property(MaxTest = 300)]
    public Property Score_is_the_sum_of_its_factors_within_0_and_100() =>
        Prop.ForAll(
            (from text in ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")
             from kind in Gen.Elements(Enum.GetValues<PhoneKind>())
             from hours in Gen.Choose(-100, 24 * 400)
             from doi in ArbMap.Default.GeneratorFor<bool>()
             select (text, kind, hours, doi)).ToArbitrary(),
            input =>
            {
                var (text, kind, hours, doi) = input;
                var consent = doi ? Doi : Doi with { ConfirmedAt = null };
                var score = Score(Contact with { Street = text, Phone = text }, kind, consent, text, new Dictionary<string, string> { ["roof_m2"] = text }, Solar, OptIn.AddHours(hours));

                Assert.InRange(score.Value, 0, 100);
                Assert.Equal(score.Factors.Sum(f => f.Points), score.Value);
                Assert.All(score.Factors, f => Assert.InRange(f.Points, 0, f.MaxPoints));
                Assert.Equal(100, score.Factors.Sum(f => f.MaxPoints));
            });
}
