namespace LeadMarket.Domain.Intake;

/// <summary>
/// The coarse region a lead card shows instead of the postal code: the leading digits (Germany: the two-digit
/// "Leitzone", e.g. 80331 → 80xxx), so a buyer can judge the region but not locate the person.
/// </summary>
public static class PostalArea
{
    public static string From(string country, string postalCode)
    {
        var code = new string(postalCode.Where(char.IsLetterOrDigit).ToArray()).ToUpperInvariant();
        if (code.Length < 3)
        {
            throw new ArgumentException($"Postal code '{postalCode}' is too short to derive a region from.", nameof(postalCode));
        }

        var keep = country.ToUpperInvariant() switch
        {
            "DE" or "FR" or "IT" or "ES" => 2,
            "AT" or "CH" or "BE" or "DK" or "NL" => 1,
            _ => 2,
        };
        return $"{country.ToUpperInvariant()}-{code[..keep]}{new string('x', code.Length - keep)}";
    }
}
