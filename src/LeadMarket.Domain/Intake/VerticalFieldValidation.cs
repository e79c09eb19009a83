using System.Globalization;

namespace LeadMarket.Domain.Intake;

/// <summary>What <see cref="VerticalFieldValidation.Check"/> found: the problems, and the fields in their stored form (in the order the vertical defines them).</summary>
public sealed record VerticalFieldCheck(IReadOnlyList<FieldError> Errors, IReadOnlyDictionary<string, string> Fields);

/// <summary>
/// A vertical's own fields (<see cref="VerticalFieldRule"/>), reported as <c>fields.&lt;name&gt;</c>: required ones
/// present; numbers (<c>12.5</c> or <c>12,5</c>), yes/no (yes, no, ja, nein, true, false, 1, 0) and choices parsed
/// into one form; a number above <see cref="VerticalFieldRule.Maximum"/> or a field the vertical does not have is an
/// <c>invalid_value</c>; a number below <see cref="VerticalFieldRule.Minimum"/> or a value other than
/// <see cref="VerticalFieldRule.MustBe"/> is <c>below_minimum_criteria</c>. Empty values of unknown fields (blank
/// columns of a CSV) are ignored.
/// </summary>
public static class VerticalFieldValidation
{
    public const int MaxFields = 50;
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 500;

    private static readonly string[] Yes = ["yes", "y", "ja", "j", "true", "1"];
    private static readonly string[] No = ["no", "n", "nein", "false", "0"];

    public static VerticalFieldCheck Check(IReadOnlyDictionary<string, string> fields, VerticalRules vertical, int row)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(vertical);
        var errors = new List<FieldError>();
        var normalized = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fields.Count > MaxFields)
        {
            errors.Add(new FieldError(row, "fields", FieldErrorCodes.InvalidValue, $"Holds more than {MaxFields} fields."));
            return new VerticalFieldCheck(errors, normalized);
        }

        var given = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fields)
        {
            var key = (name ?? "").Trim();
            var text = value ?? "";
            if (vertical.Fields.Any(r => string.Equals(r.Name, key, StringComparison.OrdinalIgnoreCase)))
            {
                given[key] = text;
            }
            else if (text.Trim().Length > 0)
            {
                errors.Add(IsFieldName(key)
                    ? new FieldError(row, $"fields.{key}", FieldErrorCodes.InvalidValue, "Is not a field of this vertical.")
                    : new FieldError(row, "fields", FieldErrorCodes.InvalidValue,
                        $"Holds a field this vertical does not have, and whose name is not one (a-z, 0-9 and _, at most {MaxNameLength} characters)."));
            }
        }

        foreach (var rule in vertical.Fields)
        {
            var field = $"fields.{rule.Name}";
            var raw = given.TryGetValue(rule.Name, out var found) ? found : "";
            void Add(string code, string message) => errors.Add(new FieldError(row, field, code, message));

            if (raw.Trim().Length == 0)
            {
                if (rule.Required)
                {
                    Add(FieldErrorCodes.MissingField, "Is required in this vertical.");
                }

                continue;
            }

            if (!LeadText.IsWellFormed(raw))
            {
                Add(FieldErrorCodes.InvalidValue, "Holds control characters or bytes that are not valid text.");
                continue;
            }

            var value = LeadText.Clean(raw);
            if (value.Length > MaxValueLength)
            {
                Add(FieldErrorCodes.InvalidValue, $"Is longer than {MaxValueLength} characters.");
                continue;
            }

            if (rule.Kind != VerticalFieldKind.Number && LeadText.StartsFormula(raw))
            {
                Add(FieldErrorCodes.InvalidValue,
                    "Starts with = + - @, a tab or a carriage return, which a spreadsheet would run as a formula; remove the leading character.");
                continue;
            }

            switch (rule.Kind)
            {
                case VerticalFieldKind.Number:
                    if (Number(value) is not { } number)
                    {
                        Add(FieldErrorCodes.InvalidValue, "Must be a number, such as 42 or 12.5.");
                    }
                    else if (rule.Maximum is { } maximum && number > maximum)
                    {
                        Add(FieldErrorCodes.InvalidValue, $"Is above {maximum.ToString(CultureInfo.InvariantCulture)}, the highest plausible value.");
                    }
                    else if (rule.Minimum is { } minimum && number < minimum)
                    {
                        Add(FieldErrorCodes.BelowMinimumCriteria, $"Is below {minimum.ToString(CultureInfo.InvariantCulture)}, the vertical's minimum.");
                    }
                    else
                    {
                        normalized[rule.Name] = number.ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                case VerticalFieldKind.YesNo:
                    if (YesNo(value) is not { } answer)
                    {
                        Add(FieldErrorCodes.InvalidValue, "Must be yes or no.");
                    }
                    else if (!Meets(rule, answer))
                    {
                        Add(FieldErrorCodes.BelowMinimumCriteria, $"Must be {rule.MustBe} to meet the vertical's minimum criteria.");
                    }
                    else
                    {
                        normalized[rule.Name] = answer;
                    }

                    break;
                case VerticalFieldKind.Choice:
                    var choices = rule.Choices ?? [];
                    var choice = choices.FirstOrDefault(c => string.Equals(c.Trim(), value, StringComparison.OrdinalIgnoreCase));
                    if (choice is null)
                    {
                        Add(FieldErrorCodes.InvalidValue, $"Must be one of: {string.Join(", ", choices)}.");
                    }
                    else if (!Meets(rule, choice.Trim()))
                    {
                        Add(FieldErrorCodes.BelowMinimumCriteria, $"Must be {rule.MustBe} to meet the vertical's minimum criteria.");
                    }
                    else
                    {
                        normalized[rule.Name] = choice.Trim();
                    }

                    break;
                default:
                    if (!Meets(rule, value))
                    {
                        Add(FieldErrorCodes.BelowMinimumCriteria, $"Must be {rule.MustBe} to meet the vertical's minimum criteria.");
                    }
                    else
                    {
                        normalized[rule.Name] = value;
                    }

                    break;
            }
        }

        return new VerticalFieldCheck(errors, normalized);
    }

    /// <summary>A number as sent (a dot or a comma as decimal separator, an optional sign, no thousands separators), or null.</summary>
    public static decimal? Number(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        if (text.Length is 0 or > 30)
        {
            return null;
        }

        if (!text.Contains('.', StringComparison.Ordinal))
        {
            text = text.Replace(',', '.');
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            ? number / 1.000000000000000000000000000000000m
            : null;
    }

    /// <summary><c>yes</c> or <c>no</c> for the ways people write them (English and German), or null.</summary>
    public static string? YesNo(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim().ToLowerInvariant();
        return Yes.Contains(text) ? "yes" : No.Contains(text) ? "no" : null;
    }

    private static bool Meets(VerticalFieldRule rule, string value)
    {
        if (string.IsNullOrWhiteSpace(rule.MustBe))
        {
            return true;
        }

        return rule.MustBe.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(m => rule.Kind == VerticalFieldKind.YesNo ? YesNo(m) ?? m : m)
            .Any(m => string.Equals(m, value, StringComparison.OrdinalIgnoreCase));
    }

    private static bool IsFieldName(string name) =>
        name.Length is > 0 and <= MaxNameLength && name.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '_');
}
