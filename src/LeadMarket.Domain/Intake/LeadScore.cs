namespace LeadMarket.Domain.Intake;

/// <summary>One transparent reason behind a score: shown on the card, so buyers see why a lead rates as it does.</summary>
/// <param name="Name">A stable key of <see cref="ScoreFactorNames"/> (the Web shows it as a localized label).</param>
public sealed record ScoreFactor(string Name, int Points, int MaxPoints);

/// <summary>The stable keys of the score's factors (stored with the lead, sent in the API answer).</summary>
public static class ScoreFactorNames
{
    /// <summary>Street, phone and an independent consent proof (TrustedForm or Jornaya) given: 20 points.</summary>
    public const string Completeness = "completeness";

    /// <summary>A valid phone number and its kind: mobile 20, fixed line or mobile 16, fixed line 12, VoIP 6, other 4, none 0.</summary>
    public const string Phone = "phone";

    /// <summary>Complete double opt-in evidence (confirmation mail and click): 30 points.</summary>
    public const string Doi = "doi";

    /// <summary>The age of the opt-in: up to a day 15, a week 12, 30 days 8, 90 days 4, older 0.</summary>
    public const string Freshness = "freshness";

    /// <summary>The vertical's fields filled (8) and a specific need (7, by its words); without vertical fields the need alone (15).</summary>
    public const string Intent = "intent";

    public static readonly IReadOnlyList<string> All = [Completeness, Phone, Doi, Freshness, Intent];
}

/// <summary>
/// A 0–100 quality score with the factors that make it up (<see cref="ScoreFactorNames"/>: completeness 20, phone 20,
/// double opt-in 30, freshness 15, intent 15). The value is always the sum of the factors' points.
/// </summary>
public sealed record LeadScore(int Value, IReadOnlyList<ScoreFactor> Factors)
{
    public const int SpecificNeedWords = 5;

    /// <summary>The score of a lead that passed the pre-ping's other steps, as of <paramref name="now"/>.</summary>
    public static LeadScore For(LeadContact contact, PhoneKind phoneKind, ConsentEvidence consent, string need,
        IReadOnlyDictionary<string, string> fields, VerticalRules vertical, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(need);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(vertical);
        ScoreFactor[] factors =
        [
            new(ScoreFactorNames.Completeness, Completeness(contact, consent), 20),
            new(ScoreFactorNames.Phone, contact.Phone.Trim().Length == 0 ? 0 : Phone(phoneKind), 20),
            new(ScoreFactorNames.Doi, consent.ConfirmationSentAt is not null && consent.ConfirmedAt is not null ? 30 : 0, 30),
            new(ScoreFactorNames.Freshness, Freshness(now - consent.OptInAt), 15),
            new(ScoreFactorNames.Intent, Intent(need, fields, vertical), 15),
        ];
        return new LeadScore(factors.Sum(f => f.Points), factors);
    }

    /// <summary>
    /// The score of a lead of the batch upload that predates the pre-ping (no vertical fields, scored at its opt-in):
    /// the phone's kind is read from the number and the lead's country.
    /// </summary>
    public static LeadScore For(LeadContact contact, ConsentEvidence consent, string need)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(consent);
        var phone = ContactNormalization.Phone(contact.Phone ?? "", contact.Country ?? "");
        return For(contact, phone.Ok ? phone.Kind : PhoneKind.Unknown, consent, need ?? "", new Dictionary<string, string>(), VerticalRules.None(""), consent.OptInAt);
    }

    public static int Phone(PhoneKind kind) => kind switch
    {
        PhoneKind.Mobile => 20,
        PhoneKind.FixedLineOrMobile => 16,
        PhoneKind.FixedLine => 12,
        PhoneKind.Voip => 6,
        PhoneKind.Other => 4,
        _ => 0,
    };

    public static int Freshness(TimeSpan age) => age switch
    {
        _ when age <= TimeSpan.FromDays(1) => 15,
        _ when age <= TimeSpan.FromDays(7) => 12,
        _ when age <= TimeSpan.FromDays(30) => 8,
        _ when age <= TimeSpan.FromDays(90) => 4,
        _ => 0,
    };

    private static int Completeness(LeadContact contact, ConsentEvidence consent)
    {
        var given = new[]
        {
            contact.Street.Trim().Length > 0,
            contact.Phone.Trim().Length > 0,
            !string.IsNullOrEmpty(consent.TrustedFormCertUrl) || !string.IsNullOrEmpty(consent.JornayaLeadId),
        }.Count(g => g);
        return (int)Math.Round(20m * given / 3, MidpointRounding.AwayFromZero);
    }

    private static int Intent(string need, IReadOnlyDictionary<string, string> fields, VerticalRules vertical)
    {
        var words = Math.Min(SpecificNeedWords, need.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Count(char.IsLetterOrDigit) >= 2));
        if (vertical.Fields.Count == 0)
        {
            return 15 * words / SpecificNeedWords;
        }

        var filled = vertical.Fields.Count(r => fields.TryGetValue(r.Name, out var v) && !string.IsNullOrWhiteSpace(v));
        return (8 * filled / vertical.Fields.Count) + (7 * words / SpecificNeedWords);
    }
}
