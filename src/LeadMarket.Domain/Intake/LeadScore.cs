namespace LeadMarket.Domain.Intake;

/// <summary>One transparent reason behind a score: shown on the card, so buyers see why a lead rates as it does.</summary>
public sealed record ScoreFactor(string Name, int Points, int MaxPoints);

/// <summary>A 0–100 quality score with the factors that make it up.</summary>
public sealed record LeadScore(int Value, IReadOnlyList<ScoreFactor> Factors)
{
    private static readonly HashSet<string> DisposableDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "mailinator.com", "trashmail.com", "10minutemail.com", "guerrillamail.com", "wegwerfmail.de",
    };

    public static LeadScore For(LeadContact contact, ConsentEvidence consent, string need)
    {
        var factors = new List<ScoreFactor>
        {
            new("Double opt-in confirmed", consent.IsDoubleOptIn ? 30 : 0, 30),
            new("Complete contact data", new[] { contact.FirstName, contact.LastName, contact.Email, contact.Phone, contact.Street, contact.City }.Count(f => !string.IsNullOrWhiteSpace(f)) * 4, 24),
            new("Reachable email domain", IsPlausibleEmail(contact.Email) ? 16 : 0, 16),
            new("Phone number given", contact.Phone.Count(char.IsDigit) >= 7 ? 15 : 0, 15),
            new("Specific need", Math.Min(15, need.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length * 3), 15),
        };
        return new LeadScore(Math.Clamp(factors.Sum(f => f.Points), 0, 100), factors);
    }

    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !DisposableDomains.Contains(domain);
    }
}
