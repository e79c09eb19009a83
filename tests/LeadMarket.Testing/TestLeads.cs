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

/// <summary>Leads as publishers hand them in (all strings, DESIGN §6), and as CSV.</summary>
public static class TestSubmissions
{
    /// <summary>A valid lead (as <see cref="TestLeads.Valid"/>) as sent; <paramref name="number"/> goes into the last name, email and phone.</summary>
    public static LeadSubmission Valid(DateTimeOffset now, int number = 1) => From(TestLeads.Valid(now, number)) with
    {
        Phone = $"+49 30 {1_000_000 + number}",
    };

    /// <summary>The old listing input as a submission (times in ISO 8601).</summary>
    public static LeadSubmission From(LeadInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var c = input.Consent;
        return new LeadSubmission
        {
            FirstName = input.FirstName,
            LastName = input.LastName,
            Email = input.Email,
            Phone = input.Phone,
            Street = input.Street,
            PostalCode = input.PostalCode,
            City = input.City,
            Country = input.Country,
            Language = input.Language,
            Need = input.Need,
            OptInAt = c.OptInAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            OptInIp = c.OptInIp,
            UserAgent = c.UserAgent,
            SourceUrl = c.SourceUrl,
            ConsentText = c.ConsentText,
            Channels = c.Channels.Count > 0 ? c.Channels : ["email", "phone"],
            ConfirmationSentAt = c.ConfirmationSentAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ConfirmedAt = c.ConfirmedAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "",
            ConfirmedIp = c.ConfirmedIp ?? "",
            Partners = c.Partners,
        };
    }

    /// <summary>The CSV header of <see cref="Row"/>.</summary>
    public static string Header => string.Join(',', LeadCsvReader.Columns);

    /// <summary>A lead as one CSV row under <see cref="Header"/> (quoted where needed).</summary>
    public static string Row(LeadSubmission s)
    {
        ArgumentNullException.ThrowIfNull(s);
        string[] values =
        [
            s.FirstName, s.LastName, s.Email, s.Phone, s.Street, s.PostalCode, s.City, s.Country, s.Language, s.Need,
            s.OptInAt, s.OptInIp, s.UserAgent, s.SourceUrl, s.ConsentText, string.Join('|', s.Channels),
            s.ConfirmationSentAt, s.ConfirmedAt, s.ConfirmedIp, s.SourceType, string.Join('|', s.Partners), s.TrustedFormCertUrl, s.JornayaLeadId,
        ];
        return string.Join(',', values.Select(Quote));
    }

    /// <summary>A whole file: the header and a row per lead, lines ending in \n.</summary>
    public static string Csv(IEnumerable<LeadSubmission> leads) => Header + "\n" + string.Concat(leads.Select(l => Row(l) + "\n"));

    private static string Quote(string value) =>
        value.Contains('"') || value.Contains(',') || value.Contains('\n') || value.Contains('\r') ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
