using FsCheck;
using FsCheck.Xunit;
using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadScoreTests
{
    private static readonly DateTimeOffset OptIn = new(2026, 3, 1, 18, 30, 0, TimeSpan.Zero);

    private static readonly LeadContact Complete = new(
        "Anna", "Schmidt", "anna.schmidt@example.de", "+49 89 1234567", "Marienplatz 1", "80331", "München", "DE");

    private const string SpecificNeed = "quote for 10 kWp solar roof";

    private static ConsentEvidence Consent(bool doubleOptIn) => new(
        OptIn,
        "203.0.113.7",
        "Mozilla/5.0",
        "https://solar.example/offer",
        "I agree that SolarCo may contact me about solar offers.",
        doubleOptIn ? OptIn.AddMinutes(1) : null,
        doubleOptIn ? OptIn.AddMinutes(9) : null,
        doubleOptIn ? "203.0.113.7" : null);

    [Fact]
    public void Complete_double_opt_in_lead_with_a_specific_need_scores_100()
    {
        var score = LeadScore.For(Complete, Consent(doubleOptIn: true), SpecificNeed);

        Assert.Equal(100, score.Value);
        Assert.All(score.Factors, f => Assert.Equal(f.MaxPoints, f.Points));
    }

    [Fact]
    public void Double_opt_in_adds_thirty_points()
    {
        var single = LeadScore.For(Complete, Consent(doubleOptIn: false), SpecificNeed);
        var confirmed = LeadScore.For(Complete, Consent(doubleOptIn: true), SpecificNeed);

        Assert.Equal(30, confirmed.Value - single.Value);
        Assert.Equal(30, confirmed.Factors.Single(f => f.Name == "Double opt-in confirmed").Points);
        Assert.Equal(0, single.Factors.Single(f => f.Name == "Double opt-in confirmed").Points);
    }

    [Theory]
    [InlineData("someone@mailinator.com")]
    [InlineData("someone@MAILINATOR.COM")]
    [InlineData("someone@wegwerfmail.de")]
    [InlineData("someone@localhost")]
    [InlineData("@example.com")]
    [InlineData("someone@")]
    [InlineData("no-at-sign.example.com")]
    public void Disposable_or_implausible_email_earns_no_email_points(string email)
    {
        var score = LeadScore.For(Complete with { Email = email }, Consent(true), SpecificNeed);

        Assert.Equal(0, score.Factors.Single(f => f.Name == "Reachable email domain").Points);
        Assert.Equal(84, score.Value);
    }

    [Fact]
    public void Short_phone_number_earns_no_phone_points()
    {
        var score = LeadScore.For(Complete with { Phone = "12 345" }, Consent(true), SpecificNeed);

        Assert.Equal(0, score.Factors.Single(f => f.Name == "Phone number given").Points);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("solar", 3)]
    [InlineData("solar roof quote", 9)]
    [InlineData("a quote for a 10 kWp solar roof in Munich", 15)]
    public void Need_earns_three_points_per_word_up_to_fifteen(string need, int expected)
    {
        var score = LeadScore.For(Complete, Consent(true), need);

        Assert.Equal(expected, score.Factors.Single(f => f.Name == "Specific need").Points);
    }

    [Fact]
    public void Every_blank_contact_field_costs_four_points()
    {
        var score = LeadScore.For(Complete with { Street = " ", City = "" }, Consent(true), SpecificNeed);

        Assert.Equal(16, score.Factors.Single(f => f.Name == "Complete contact data").Points);
        Assert.Equal(92, score.Value);
    }

    [Property(MaxTest = 300)]
    public void Score_is_the_sum_of_its_factors_and_stays_within_0_and_100(
        NonNull<string> first,
        NonNull<string> email,
        NonNull<string> phone,
        NonNull<string> need,
        bool doubleOptIn)
    {
        var contact = Complete with { FirstName = first.Get, Email = email.Get, Phone = phone.Get };

        var score = LeadScore.For(contact, Consent(doubleOptIn), need.Get);

        Assert.InRange(score.Value, 0, 100);
        Assert.Equal(score.Factors.Sum(f => f.Points), score.Value);
        Assert.All(score.Factors, f => Assert.InRange(f.Points, 0, f.MaxPoints));
        Assert.Equal(100, score.Factors.Sum(f => f.MaxPoints));
    }

    [Property(MaxTest = 200)]
    public void Double_opt_in_always_adds_exactly_thirty_points(NonNull<string> email, NonNull<string> need)
    {
        var contact = Complete with { Email = email.Get };

        var gain = LeadScore.For(contact, Consent(true), need.Get).Value - LeadScore.For(contact, Consent(false), need.Get).Value;

        Assert.Equal(30, gain);
    }
}
