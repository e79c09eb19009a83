using System.Globalization;
using PhoneNumbers;

namespace LeadMarket.Domain.Intake;

/// <summary>A normalized value, or the reason it could not be normalized (code of <see cref="FieldErrorCodes"/>, words without the value).</summary>
public sealed record NormalizedValue(string Value, string? Code = null, string? Message = null)
{
    public bool Ok => Code is null;

    public static NormalizedValue Invalid(string code, string message) => new("", code, message);
}

/// <summary>A phone number in E.164 form with the kind libphonenumber found, or the reason it is not one.</summary>
public sealed record NormalizedPhone(string E164, PhoneKind Kind, string? Code = null, string? Message = null)
{
    public bool Ok => Code is null;

    public static NormalizedPhone Invalid(string message) => new("", PhoneKind.Unknown, FieldErrorCodes.InvalidPhone, message);
}

/// <summary>
/// The first step of the pre-ping: a lead's contact values in the one form the market stores, compares (duplicate
/// hashes) and delivers. Each normalizer is idempotent (normalizing its output again changes nothing) and never
/// throws on any input.
/// </summary>
public static class ContactNormalization
{
    public const int MaxEmailLength = 254;
    public const int MaxEmailLocalPartLength = 64;
    public const int MaxPhoneLength = 40;

    private const string LocalPartSymbols = "!#$%&'*+-/=?^_`{|}~";
    private const string PhoneSymbols = " +-/().";

    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>A name (or street, city): trimmed, white space inside it one space, Unicode NFC.</summary>
    public static string Name(string value) => LeadText.Clean(value ?? "");

    /// <summary>
    /// An email address: trimmed and lowercased; the domain mapped to its ASCII form (IDNA, e.g. müller.de →
    /// xn--mller-kva.de) with <see cref="IdnMapping"/>, so that the stored form is one any mail system accepts and
    /// two spellings of one domain compare equal. The part before the @ must be ASCII (RFC 5322 atoms joined by dots).
    /// </summary>
    public static NormalizedValue Email(string value)
    {
        var email = (value ?? "").Trim();
        if (email.Length == 0)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.MissingField, "Is required.");
        }

        if (email.Length > MaxEmailLength)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.InvalidEmail, $"Is longer than {MaxEmailLength} characters.");
        }

        var at = email.LastIndexOf('@');
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', StringComparison.Ordinal) != at)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.InvalidEmail, "Must hold exactly one @ with a name before it and a domain after it.");
        }

        var local = email[..at];
        if (local.Length > MaxEmailLocalPartLength || !IsLocalPart(local))
        {
            return NormalizedValue.Invalid(FieldErrorCodes.InvalidEmail,
                "The part before the @ may hold at most 64 of the letters a-z, digits and . ! # $ % & ' * + - / = ? ^ _ ` { | } ~ (no dot first, last or twice in a row).");
        }

        var domain = AsciiDomain(email[(at + 1)..]);
        if (domain is null)
        {
            return NormalizedValue.Invalid(FieldErrorCodes.InvalidEmail, "The part after the @ is not a domain name (such as example.com).");
        }

        var normalized = $"{local.ToLowerInvariant()}@{domain}";
        return normalized.Length > MaxEmailLength
            ? NormalizedValue.Invalid(FieldErrorCodes.InvalidEmail, $"Is longer than {MaxEmailLength} characters.")
            : new NormalizedValue(normalized);
    }

    /// <summary>
    /// A domain name in lower-case ASCII (internationalized names in their Punycode form), or null when it is not a
    /// domain of at least two labels with an alphabetic top-level label.
    /// </summary>
    public static string? AsciiDomain(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        if (domain.Length is 0 or > 253 || !LeadText.IsWellFormed(domain))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = new IdnMapping { AllowUnassigned = false, UseStd3AsciiRules = true }.GetAscii(domain).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        if (ascii.Length > 253 || labels.Length < 2)
        {
            return null;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-' || !label.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-'))
            {
                return null;
            }
        }

        var top = labels[^1];
        return top.Length >= 2 && (top.All(char.IsAsciiLetterLower) || top.StartsWith("xn--", StringComparison.Ordinal)) ? ascii : null;
    }

    /// <summary>
    /// A phone number in E.164 form (<c>+4989123456</c>) and its kind, parsed with libphonenumber: a number without
    /// country code is read as one of <paramref name="country"/> (the lead's country). Digits, spaces and
    /// <c>+ - / ( ) .</c> only; premium-rate and shared-cost numbers are not a person's number and are refused.
    /// </summary>
    public static NormalizedPhone Phone(string value, string country)
    {
        var phone = (value ?? "").Trim();
        if (phone.Length == 0)
        {
            return new NormalizedPhone("", PhoneKind.Unknown, FieldErrorCodes.MissingField, "Is required.");
        }

        if (phone.Length > MaxPhoneLength || !phone.All(ch => char.IsAsciiDigit(ch) || PhoneSymbols.Contains(ch, StringComparison.Ordinal)))
        {
            return NormalizedPhone.Invalid($"Must be a phone number of at most {MaxPhoneLength} characters: digits, spaces and + - / ( ) . only.");
        }

        var region = (country ?? "").Trim().ToUpperInvariant();
        if (!Phones.GetSupportedRegions().Contains(region))
        {
            region = "ZZ";
        }

        PhoneNumber number;
        try
        {
            number = Phones.Parse(phone, region);
        }
        catch (NumberParseException)
        {
            return NormalizedPhone.Invalid("Is not a phone number; give it with its country code (+49 ...) or as a number of the lead's country.");
        }

        if (!Phones.IsValidNumber(number))
        {
            return NormalizedPhone.Invalid("Is not a valid phone number of the lead's country (or, with its country code, of another).");
        }

        var type = Phones.GetNumberType(number);
        if (type is PhoneNumberType.PREMIUM_RATE or PhoneNumberType.SHARED_COST)
        {
            return NormalizedPhone.Invalid("Is a premium-rate or shared-cost number, not a person's phone.");
        }

        var e164 = Phones.Format(number, PhoneNumberFormat.E164);
        if (e164.Length > 16)
        {
            return NormalizedPhone.Invalid("Has more than the 15 digits an international (E.164) number can have.");
        }

        return new NormalizedPhone(e164, type switch
        {
            PhoneNumberType.MOBILE => PhoneKind.Mobile,
            PhoneNumberType.FIXED_LINE => PhoneKind.FixedLine,
            PhoneNumberType.FIXED_LINE_OR_MOBILE => PhoneKind.FixedLineOrMobile,
            PhoneNumberType.VOIP => PhoneKind.Voip,
            _ => PhoneKind.Other,
        });
    }

    /// <summary>The national significant number of an E.164 phone number (without country code), or "" when it does not parse.</summary>
    public static string NationalNumber(string e164)
    {
        try
        {
            return Phones.GetNationalSignificantNumber(Phones.Parse(e164 ?? "", "ZZ"));
        }
        catch (NumberParseException)
        {
            return "";
        }
    }

    private static bool IsLocalPart(string local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        return local.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '.' || LocalPartSymbols.Contains(ch, StringComparison.Ordinal));
    }
}
