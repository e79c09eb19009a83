using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

public class LeadContactTests
{
    private static readonly LeadContact Contact = new(
        "Anna", "Schmidt", "anna.schmidt@example.de", "+49 89 1234567", "Marienplatz 1", "80331", "München", "DE");

    private static readonly ConsentEvidence Consent = new(
        new DateTimeOffset(2026, 3, 1, 18, 30, 0, TimeSpan.Zero),
        "203.0.113.7",
        "Mozilla/5.0 (X11; Linux x86_64)",
        "https://solar.example/offer",
        "I agree that SolarCo may contact me about solar offers.",
        new DateTimeOffset(2026, 3, 1, 18, 31, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 1, 18, 40, 0, TimeSpan.Zero),
        "203.0.113.8");

    public static TheoryData<string> PersonalValues =>
        ["Anna", "Schmidt", "anna.schmidt@example.de", "example.de", "1234567", "Marienplatz", "80331", "München"];

    [Theory]
    [MemberData(nameof(PersonalValues))]
    public void ToString_does_not_contain_personal_data(string value)
    {
        Assert.DoesNotContain(value, Contact.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(PersonalValues))]
    public void Interpolating_a_contact_into_a_log_line_does_not_leak_it(string value)
    {
        var line = $"Imported lead {Contact} for buyer 42";

        Assert.DoesNotContain(value, line, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PersonalValues))]
    public void Private_data_bundle_does_not_leak_the_contact(string value)
    {
        Assert.DoesNotContain(value, new LeadPrivateData(Contact, Consent).ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("203.0.113")]
    [InlineData("Mozilla")]
    [InlineData("solar.example")]
    [InlineData("SolarCo")]
    public void Consent_evidence_ToString_shows_no_ip_agent_source_or_wording(string value)
    {
        Assert.DoesNotContain(value, Consent.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Consent_evidence_tells_whether_it_is_a_double_opt_in()
    {
        Assert.True(Consent.IsDoubleOptIn);
        Assert.False((Consent with { ConfirmedAt = null }).IsDoubleOptIn);
        Assert.Contains("DoubleOptIn = True", Consent.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Full_name_joins_first_and_last_name()
    {
        Assert.Equal("Anna Schmidt", Contact.FullName);
    }
}
