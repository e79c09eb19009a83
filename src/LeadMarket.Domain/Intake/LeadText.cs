using System.Text;

namespace LeadMarket.Domain.Intake;

/// <summary>Text checks every value of a lead passes, whatever its field: well-formed, no control characters, no spreadsheet formula.</summary>
public static class LeadText
{
    /// <summary>
    /// True when the value would start a formula in a spreadsheet the lead is later opened in (CSV injection): its
    /// first character, after leading spaces, is <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return.
    /// A phone number may start with <c>+</c> (international form).
    /// </summary>
    public static bool StartsFormula(string value, bool phone = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var start = value.AsSpan().TrimStart(' ');
        return start.Length > 0 && start[0] switch
        {
            '=' or '-' or '@' or '\t' or '\r' => true,
            '+' => !phone,
            _ => false,
        };
    }

    /// <summary>
    /// True when the value is valid UTF-16 (no lone surrogate) and holds no control character other than tab, line
    /// feed and carriage return.
    /// </summary>
    public static bool IsWellFormed(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsHighSurrogate(ch))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(ch) || (char.IsControl(ch) && ch is not ('\t' or '\n' or '\r')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The value in Unicode normalization form C (when it is well-formed), trimmed, every run of white space inside
    /// it one space. Idempotent.
    /// </summary>
    public static string Clean(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = IsWellFormed(value) && !value.IsNormalized(NormalizationForm.FormC) ? value.Normalize(NormalizationForm.FormC) : value;
        var span = text.AsSpan().Trim();
        var builder = new StringBuilder(span.Length);
        var space = false;
        foreach (var ch in span)
        {
            if (char.IsWhiteSpace(ch))
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(ch);
        }

        return builder.Length == span.Length && span.Length == text.Length ? text : builder.ToString();
    }
}
