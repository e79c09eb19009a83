using LeadMarket.Domain.Intake;

namespace LeadMarket.Domain.Tests.Intake;

/// <summary>A lead that passes the whole pre-ping, and the rules and time it is checked with.</summary>
internal static class PrePingFixture
{
    public static readonly DateTimeOffset Now = new(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);

    public static readonly VerticalRules Solar = new("solar",
    [
        new VerticalFieldRule("roof_m2", VerticalFieldKind.Number, Required: true, Minimum: 20, Maximum: 5000),
        new VerticalFieldRule("owner_occupied", VerticalFieldKind.YesNo, Required: true, MustBe: "yes"),
        new VerticalFieldRule("roof_type", VerticalFieldKind.Choice, Required: false, Choices: ["flat", "pitched", "hipped"], MustBe: "flat,pitched"),
        new VerticalFieldRule("remarks", VerticalFieldKind.Text, Required: false),
    ]);

    public static readonly IntakeRules Rules = new(Solar, ConsentRules.Default);

    public static readonly LeadSubmission Lead = new()
    {
        FirstName = " Anna ",
        LastName = "Schmidt",
        Email = " Anna.Schmidt@Web.DE ",
        Phone = "0151 58374926",
        Street = "Leopoldstraße  12",
        PostalCode = "80802",
        City = "München",
        Country = "de",
        Language = "DE",
        Need = "Quote for a 10 kWp solar roof with storage",
        Fields = new Dictionary<string, string> { ["roof_m2"] = "48,5", ["owner_occupied"] = "ja", ["roof_type"] = "Pitched" },
        OptInAt = "2026-11-20T10:00:00Z",
        OptInIp = "203.0.113.7",
        UserAgent = "Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0",
        SourceUrl = "https://solar-vergleich.example.net/angebot",
        ConsentText = "Ich bin einverstanden, dass SolarCo mich per E-Mail und Telefon zu Solarangeboten kontaktiert.",
        Channels = ["email", "phone"],
        ConfirmationSentAt = "2026-11-20T10:01:00Z",
        ConfirmedAt = "2026-11-20T10:05:00Z",
        ConfirmedIp = "203.0.113.8",
        SourceType = "direct",
    };

    public static PrePingResult Check(LeadSubmission lead, IntakeRules? rules = null, int row = 2) =>
        LeadPrePing.Check(lead, rules ?? Rules, Now, row);

    /// <summary>The single error of a lead that differs from the fixture in one way.</summary>
    public static FieldError SingleError(LeadSubmission lead, IntakeRules? rules = null)
    {
        var result = Check(lead, rules);
        Assert.False(result.Accepted);
        Assert.Null(result.Lead);
        return Assert.Single(result.Errors);
    }
}
