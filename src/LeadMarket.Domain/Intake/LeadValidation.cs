using System.Net;

namespace LeadMarket.Domain.Intake;

/// <summary>
/// The format checks of the batch upload that predates the pre-ping (Infrastructure's LeadInput, the NewBatch page):
/// kept only until those callers move to <see cref="LeadPrePing"/>, which does not use it. Field names are those of
/// the CSV header (DESIGN §6, snake_case).
/// </summary>
public static class LeadValidation
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MaxNeedLength = 500;
    public const int MaxConsentTextLength = 4000;

    /// <summary>Every problem of one lead; empty when it may be listed.</summary>
    /// <param name="row">The row the lead came from (1-based), reported on each error.</param>
    public static IReadOnlyList<FieldError> Check(LeadContact contact, ConsentEvidence consent, string language, string need, int row)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(need);

        var errors = new List<FieldError>();
        void Add(string field, string code, string message) => errors.Add(new FieldError(row, field, code, message));

        Text(contact.FirstName, "first_name");
        Text(contact.LastName, "last_name");

        if (contact.Email.Length == 0)
        {
            Add("email", FieldErrorCodes.MissingField, "Is required.");
        }
        else if (!IsEmail(contact.Email))
        {
            Add("email", FieldErrorCodes.InvalidEmail, "Is not an email address.");
        }

        if (contact.Phone.Length == 0)
        {
            Add("phone", FieldErrorCodes.MissingField, "Is required.");
        }
        else if (!IsPhone(contact.Phone))
        {
            Add("phone", FieldErrorCodes.InvalidPhone, "Is not a phone number (6 to 15 digits; spaces, +, -, /, ( ) allowed).");
        }

        if (contact.Country.Length == 0)
        {
            Add("country", FieldErrorCodes.MissingField, "Is required: a two-letter ISO country code, e.g. DE.");
        }
        else if (contact.Country.Length != 2 || !contact.Country.All(char.IsAsciiLetterUpper))
        {
            Add("country", FieldErrorCodes.InvalidValue, "Must be a two-letter ISO country code, e.g. DE.");
        }

        if (contact.PostalCode.Length == 0)
        {
            Add("postal_code", FieldErrorCodes.MissingField, "Is required.");
        }
        else if (contact.PostalCode.Count(char.IsLetterOrDigit) is < 3 or > 10)
        {
            Add("postal_code", FieldErrorCodes.InvalidPostalCode, "Must have 3 to 10 letters or digits.");
        }

        Text(contact.City, "city");

        if (language.Length == 0)
        {
            Add("language", FieldErrorCodes.MissingField, "Is required: a language code, e.g. de or en.");
        }
        else if (language.Length is < 2 or > 8)
        {
            Add("language", FieldErrorCodes.InvalidValue, "Must be a language code, e.g. de or en.");
        }

        if (need.Length == 0)
        {
            Add("need", FieldErrorCodes.MissingField, "Describe the need in 3 to 500 characters.");
        }
        else if (need.Length is < 3 or > MaxNeedLength)
        {
            Add("need", FieldErrorCodes.InvalidValue, "Describe the need in 3 to 500 characters.");
        }

        if (consent.OptInAt == default)
        {
            Add("opt_in_at", FieldErrorCodes.MissingField, "Is required: no consent evidence, no listing.");
        }

        if (consent.OptInIp.Length == 0)
        {
            Add("opt_in_ip", FieldErrorCodes.MissingField, "Must be the IP address the consent was given from.");
        }
        else if (!IPAddress.TryParse(consent.OptInIp, out _))
        {
            Add("opt_in_ip", FieldErrorCodes.InvalidValue, "Must be the IP address the consent was given from.");
        }

        if (consent.SourceUrl.Length == 0)
        {
            Add("source_url", FieldErrorCodes.MissingField, "Must be the http(s) address of the page the consent was given on.");
        }
        else if (!Uri.TryCreate(consent.SourceUrl, UriKind.Absolute, out var source) || (source.Scheme != Uri.UriSchemeHttps && source.Scheme != Uri.UriSchemeHttp))
        {
            Add("source_url", FieldErrorCodes.InvalidValue, "Must be the http(s) address of the page the consent was given on.");
        }

        if (consent.ConsentText.Length == 0)
        {
            Add("consent_text", FieldErrorCodes.MissingField, "Must hold the exact consent wording (10 to 4000 characters).");
        }
        else if (consent.ConsentText.Length is < 10 or > MaxConsentTextLength)
        {
            Add("consent_text", FieldErrorCodes.InvalidValue, "Must hold the exact consent wording (10 to 4000 characters).");
        }

        if (consent.ConfirmedAt is { } confirmed && confirmed < consent.OptInAt)
        {
            Add("confirmed_at", FieldErrorCodes.InvalidValue, "The double opt-in confirmation cannot precede the opt-in.");
        }

        return errors;

        void Text(string value, string field)
        {
            if (value.Length == 0)
            {
                Add(field, FieldErrorCodes.MissingField, "Is required (at most 100 characters).");
            }
            else if (value.Length > MaxNameLength)
            {
                Add(field, FieldErrorCodes.InvalidValue, "Is required (at most 100 characters).");
            }
        }
    }

    /// <summary>One @ with a local part before it and a dotted domain after it, no white space, at most 254 characters.</summary>
    public static bool IsEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return email.Length <= MaxEmailLength && at > 0 && at == email.LastIndexOf('@')
            && email[(at + 1)..].Contains('.', StringComparison.Ordinal) && !email.Any(char.IsWhiteSpace);
    }

    /// <summary>6 to 15 digits, with spaces, +, -, /, ( and ) between them.</summary>
    public static bool IsPhone(string phone)
    {
        var digits = phone.Count(char.IsDigit);
        return digits is >= 6 and <= 15 && phone.All(ch => char.IsDigit(ch) || " +-/()".Contains(ch, StringComparison.Ordinal));
    }
}
