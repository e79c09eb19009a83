using LeadMarket.Domain.Intake;
using LeadMarket.Infrastructure.AfterSale;
using LeadMarket.Infrastructure.Intake;

namespace LeadMarket.Testing;

/// <summary>Leads as a publisher sends them; a test replaces what it cares about with <c>with</c>.</summary>
public static class TestLeads
{
    /// <summary>
    /// A valid lead with double opt-in evidence from the day before <paramref name="now"/> (use the app's clock).
    /// <paramref name="number"/> goes into the last name and email, to tell the leads of a batch apart.
    /// </summary>
    public static LeadInput Valid(DateTimeOffset now, int number = 1) => new(
        FirstName: "Test",
        LastName: $"Lead{number}",
        Email: $"lead{number}@example.org",
        Phone: "+49 30 1234567",
        Street: "Teststrasse 1",
        PostalCode: "10115",
        City: "Berlin",
        Country: "DE",
        Language: "de",
        Need: "Household insurance for a flat",
        Consent: DoubleOptIn(now.AddDays(-1)));

    /// <summary>Double opt-in evidence: the confirmation mail went out a minute after the opt-in and was confirmed five minutes after it.</summary>
    public static ConsentEvidence DoubleOptIn(DateTimeOffset optedInAt) => new(
        OptInAt: optedInAt,
        OptInIp: "203.0.113.7",
        UserAgent: "Mozilla/5.0 (X11; Linux x86_64)",
        SourceUrl: "https://forms.example.org/insurance",
        ConsentText: "I agree that insurers may contact me about my request.",
        ConfirmationSentAt: optedInAt.AddMinutes(1),
        ConfirmedAt: optedInAt.AddMinutes(5),
        ConfirmedIp: "203.0.113.7");
}
