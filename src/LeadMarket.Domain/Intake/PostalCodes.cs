using System.Globalization;
using System.Text;

namespace LeadMarket.Domain.Intake;

/// <summary>
/// Postal codes checked per country and brought into one form: Germany against the list of codes in use
/// (npm german-postal-codes 2.0.0, embedded: Intake/Data/de-postal-codes.txt), Austria four digits 1010-9992,
/// Switzerland four digits 1000-9658, every other country 3 to 10 letters or digits (with single spaces or hyphens
/// between them), upper case. The card's <see cref="PostalArea"/> comes from the normalized code.
/// </summary>
public static class PostalCodes
{
    public const int MaxLength = 20;

    private static readonly Lazy<HashSet<string>> German = new(() => [.. ReferenceData.Lines("de-postal-codes.txt")]);

    /// <summary>The German postal codes in use (8,210).</summary>
    public static IReadOnlyCollection<string> GermanCodes => German.Value;

    /// <summary>The postal code in its stored form for the lead's <paramref name="country"/> (ISO alpha-2), or why it is none.</summary>
    public static NormalizedValue Normalize(string country, string value)
    {
        var code = LeadText.Clean(value ?? "").ToUpperInvariant();
        if (code.Length == 0)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.MissingField, "Is required.");
        }

        if (code.Length > MaxLength)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, $"Is longer than {MaxLength} characters.");
        }

        switch ((country ?? "").Trim().ToUpperInvariant())
        {
            case "DE":
                var german = code.Replace(" ", "", StringComparison.Ordinal);
                if (german.Length != 5 || !german.All(char.IsAsciiDigit))
                {
                    return NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, "A German postal code has five digits.");
                }

                return German.Value.Contains(german)
                    ? new NormalizedValue(german)
                    : NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, "Is not a German postal code in use.");
            case "AT":
                return FourDigits(code, 1010, 9992, "An Austrian postal code has four digits, from 1010 to 9992.");
            case "CH":
                return FourDigits(code, 1000, 9658, "A Swiss postal code has four digits, from 1000 to 9658.");
            default:
                return Plausible(code);
        }
    }

    private static NormalizedValue FourDigits(string code, int lowest, int highest, string message)
    {
        var digits = code.Replace(" ", "", StringComparison.Ordinal);
        return digits.Length == 4 && digits.All(char.IsAsciiDigit)
            && int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) is var number && number >= lowest && number <= highest
            ? new NormalizedValue(digits)
            : NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, message);
    }

    private static NormalizedValue Plausible(string code)
    {
        const string message = "Must have 3 to 10 letters or digits (single spaces or hyphens between them allowed).";
        var builder = new StringBuilder(code.Length);
        var alphanumerics = 0;
        var previousSeparator = true;
        foreach (var ch in code)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                alphanumerics++;
                previousSeparator = false;
            }
            else if (ch is ' ' or '-' && !previousSeparator)
            {
                previousSeparator = true;
            }
            else
            {
                return NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, message);
            }

            builder.Append(ch);
        }

        return alphanumerics is >= 3 and <= 10 && !previousSeparator
            ? new NormalizedValue(builder.ToString())
            : NormalizedValue.Invalid(FieldErrorCodes.InvalidPostalCode, message);
    }
}
