using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace LeadMarket.Domain.Intake;

/// <summary>
/// The consent evidence of a lead as validation read it: times parsed, addresses checked, lists cleaned. A part that
/// was missing or invalid is null or empty here (its error is in <see cref="FieldCheck.Errors"/>).
/// </summary>
public sealed record ParsedConsent(
    DateTimeOffset? OptInAt,
    string OptInIp,
    string UserAgent,
    string SourceUrl,
    string ConsentText,
    IReadOnlyList<string> Channels,
    DateTimeOffset? ConfirmationSentAt,
    DateTimeOffset? ConfirmedAt,
    string ConfirmedIp,
    LeadSourceType SourceType,
    IReadOnlyList<string> Partners,
    string? TrustedFormCertUrl,
    string? JornayaLeadId);

/// <summary>What <see cref="LeadFieldValidation.Check"/> found: every format problem, the country and language in their stored form, and the parsed consent.</summary>
public sealed record FieldCheck(IReadOnlyList<FieldError> Errors, string Country, string Language, string Need, ParsedConsent Consent)
{
    public bool Failed(string field) => Errors.Any(e => e.Field == field);
}

/// <summary>
/// The second step of the pre-ping for a lead's own fields (the vertical's fields: <see cref="VerticalFieldValidation"/>):
/// required fields, every length bounded, well-formed text, no spreadsheet formula (<see cref="LeadText.StartsFormula"/>),
/// ISO country and language, real IP addresses, http(s) URLs, ISO 8601 times that are neither in the future (beyond
/// <see cref="ClockSkew"/>) nor older than <see cref="ConsentRules.MaxEvidenceAge"/>, channels, source type, partners
/// and the TrustedForm and Jornaya formats. Empty consent parts are left to <see cref="ConsentPolicy"/>
/// (<c>consent_incomplete</c>); email, phone and postal code formats to <see cref="ContactNormalization"/> and
/// <see cref="PostalCodes"/>.
/// </summary>
public static partial class LeadFieldValidation
{
    public const int MaxNameLength = 100;
    public const int MaxStreetLength = 200;
    public const int MaxCityLength = 100;
    public const int MinNeedLength = 3;
    public const int MaxNeedLength = 500;
    public const int MinConsentTextLength = 10;
    public const int MaxConsentTextLength = 4000;
    public const int MaxUserAgentLength = 1000;
    public const int MaxUrlLength = 2000;
    public const int MaxIpLength = 45;
    public const int MaxTimeLength = 40;
    public const int MaxCodeLength = 20;
    public const int MaxProofLength = 200;
    public const int MaxPartners = 100;
    public const int MaxPartnerLength = 200;
    public const int MaxChannels = 10;

    /// <summary>How far in the future a time may lie and still count as now (the publisher's clock may run ahead).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd HH:mm:ssK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss",
    ];

    /// <summary>Every format problem of the lead's own fields.</summary>
    /// <param name="row">The row the lead came from (1-based), carried on each error.</param>
    public static FieldCheck Check(LeadSubmission lead, ConsentRules rules, DateTimeOffset now, int row)
    {
        ArgumentNullException.ThrowIfNull(lead);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<FieldError>();
        void Add(string field, string code, string message) => errors.Add(new FieldError(row, field, code, message));
        bool Failed(string field) => errors.Any(e => e.Field == field);

        // Text, length and formula checks; true when the value may be read further.
        bool Text(string field, string value, int max, bool required, bool phone = false)
        {
            if (value.Trim().Length == 0)
            {
                if (required)
                {
                    Add(field, FieldErrorCodes.MissingField, "Is required.");
                }

                return false;
            }

            if (!LeadText.IsWellFormed(value))
            {
                Add(field, FieldErrorCodes.InvalidValue, "Holds control characters or bytes that are not valid text.");
            }
            else if (value.Trim().Length > max)
            {
                Add(field, FieldErrorCodes.InvalidValue, $"Is longer than {max} characters.");
            }
            else if (LeadText.StartsFormula(value, phone))
            {
                Add(field, FieldErrorCodes.InvalidValue,
                    "Starts with = + - @, a tab or a carriage return, which a spreadsheet would run as a formula; remove the leading character.");
            }
            else
            {
                return true;
            }

            return false;
        }

        Text("first_name", lead.FirstName, MaxNameLength, required: true);
        Text("last_name", lead.LastName, MaxNameLength, required: true);
        Text("email", lead.Email, ContactNormalization.MaxEmailLength, required: true);
        Text("phone", lead.Phone, ContactNormalization.MaxPhoneLength, required: false, phone: true);
        Text("street", lead.Street, MaxStreetLength, required: false);
        Text("postal_code", lead.PostalCode, PostalCodes.MaxLength, required: true);
        Text("city", lead.City, MaxCityLength, required: true);

        var country = "";
        if (Text("country", lead.Country, MaxCodeLength, required: true))
        {
            country = lead.Country.Trim().ToUpperInvariant();
            if (!IsoCodes.IsCountry(country))
            {
                Add("country", FieldErrorCodes.InvalidValue, "Must be a two-letter ISO 3166 country code, such as DE, AT or CH.");
                country = "";
            }
        }

        var language = "";
        if (Text("language", lead.Language, MaxCodeLength, required: true))
        {
            language = lead.Language.Trim().ToLowerInvariant();
            if (!IsoCodes.IsLanguage(language))
            {
                Add("language", FieldErrorCodes.InvalidValue, "Must be a two-letter ISO 639-1 language code, such as de or en.");
                language = "";
            }
        }

        var need = "";
        if (Text("need", lead.Need, MaxNeedLength, required: true))
        {
            need = LeadText.Clean(lead.Need);
            if (need.Length < MinNeedLength)
            {
                Add("need", FieldErrorCodes.InvalidValue, $"Describe the need in {MinNeedLength} to {MaxNeedLength} characters.");
                need = "";
            }
        }

        var optInAt = Time("opt_in_at", lead.OptInAt);
        var optInIp = Ip("opt_in_ip", lead.OptInIp);
        var userAgent = Text("user_agent", lead.UserAgent, MaxUserAgentLength, required: false) ? lead.UserAgent.Trim() : "";
        var sourceUrl = Url("source_url", lead.SourceUrl);
        var consentText = "";
        if (Text("consent_text", lead.ConsentText, MaxConsentTextLength, required: false))
        {
            consentText = lead.ConsentText.Trim();
            if (consentText.Length < MinConsentTextLength)
            {
                Add("consent_text", FieldErrorCodes.InvalidValue, $"Must hold the exact consent wording ({MinConsentTextLength} to {MaxConsentTextLength} characters).");
                consentText = "";
            }
        }

        var channels = Channels(lead.Channels);
        var sentAt = Time("confirmation_sent_at", lead.ConfirmationSentAt);
        var confirmedAt = Time("confirmed_at", lead.ConfirmedAt);
        var confirmedIp = Ip("confirmed_ip", lead.ConfirmedIp);
        var sourceType = SourceType(lead.SourceType);
        var partners = Partners(lead.Partners);
        var trustedForm = Proof("trusted_form_cert_url", lead.TrustedFormCertUrl, TrustedFormPattern(), MaxUrlLength,
            "Must be a TrustedForm certificate address: https://cert.trustedform.com/ and 40 hexadecimal digits.");
        var jornaya = Proof("jornaya_lead_id", lead.JornayaLeadId, JornayaPattern(), MaxProofLength,
            "Must be a Jornaya LeadiD: 8-4-4-4-12 hexadecimal digits, such as 0B7F4C2E-1A2B-4C3D-8E9F-0123456789AB.");

        var consent = new ParsedConsent(optInAt, optInIp, userAgent, sourceUrl, consentText, channels, sentAt, confirmedAt, confirmedIp,
            sourceType, partners, trustedForm?.ToLowerInvariant(), jornaya?.ToUpperInvariant());
        return new FieldCheck(errors, country, language, need, consent);

        DateTimeOffset? Time(string field, string value)
        {
            if (!Text(field, value, MaxTimeLength, required: false))
            {
                return null;
            }

            if (!DateTimeOffset.TryParseExact(value.Trim(), TimeFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
            {
                Add(field, FieldErrorCodes.InvalidValue, "Must be an ISO 8601 time, such as 2026-11-20T10:00:00Z.");
                return null;
            }

            if (time > now + ClockSkew)
            {
                Add(field, FieldErrorCodes.InvalidValue, "Lies in the future.");
                return null;
            }

            if (time < now - rules.MaxEvidenceAge)
            {
                Add(field, FieldErrorCodes.InvalidValue, $"Is older than the {rules.MaxEvidenceAge.TotalDays:0} days consent evidence may be.");
                return null;
            }

            return time;
        }

        string Ip(string field, string value)
        {
            if (!Text(field, value, MaxIpLength, required: false))
            {
                return "";
            }

            var address = PublicIp(value.Trim());
            if (address is null)
            {
                Add(field, FieldErrorCodes.InvalidValue, "Must be the public IPv4 (four numbers 0-255 with dots) or IPv6 address the consent was given from.");
                return "";
            }

            return address;
        }

        string Url(string field, string value)
        {
            if (!Text(field, value, MaxUrlLength, required: false))
            {
                return "";
            }

            var url = value.Trim();
            if (url.Any(char.IsWhiteSpace) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
            {
                Add(field, FieldErrorCodes.InvalidValue, "Must be the http(s) address of the page the consent was given on.");
                return "";
            }

            return url;
        }

        string? Proof(string field, string value, Regex pattern, int max, string message)
        {
            if (!Text(field, value, max, required: false))
            {
                return null;
            }

            if (!pattern.IsMatch(value.Trim()))
            {
                Add(field, FieldErrorCodes.InvalidValue, message);
                return null;
            }

            return value.Trim();
        }

        IReadOnlyList<string> Channels(IReadOnlyList<string> values)
        {
            var named = new List<string>();
            if (values.Count > MaxChannels)
            {
                Add("channels", FieldErrorCodes.InvalidValue, $"Names more than {MaxChannels} channels.");
                return named;
            }

            foreach (var value in values.Select(v => (v ?? "").Trim().ToLowerInvariant()).Where(v => v.Length > 0))
            {
                if (!ContactChannels.All.Contains(value))
                {
                    Add("channels", FieldErrorCodes.InvalidValue, "Each channel must be email, phone or sms.");
                    return [];
                }

                if (!named.Contains(value))
                {
                    named.Add(value);
                }
            }

            return named;
        }

        LeadSourceType SourceType(string value)
        {
            if (!Text("source_type", value, MaxCodeLength, required: false))
            {
                return LeadSourceType.Direct;
            }

            switch (value.Trim().ToLowerInvariant().Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal))
            {
                case "direct":
                    return LeadSourceType.Direct;
                case "coregistration":
                    return LeadSourceType.CoRegistration;
                case "sweepstakes":
                    return LeadSourceType.Sweepstakes;
                default:
                    Add("source_type", FieldErrorCodes.InvalidValue, "Must be direct, coRegistration or sweepstakes.");
                    return LeadSourceType.Direct;
            }
        }

        IReadOnlyList<string> Partners(IReadOnlyList<string> values)
        {
            if (values.Count > MaxPartners)
            {
                Add("partners", FieldErrorCodes.InvalidValue, $"Names more than {MaxPartners} partners.");
                return [];
            }

            var partners = new List<string>();
            foreach (var value in values.Select(v => v ?? ""))
            {
                if (value.Trim().Length == 0)
                {
                    continue;
                }

                if (!LeadText.IsWellFormed(value) || value.Trim().Length > MaxPartnerLength || LeadText.StartsFormula(value))
                {
                    if (!Failed("partners"))
                    {
                        Add("partners", FieldErrorCodes.InvalidValue,
                            $"Each partner is a company name of at most {MaxPartnerLength} characters, in valid text, not starting with = + - @, a tab or a carriage return.");
                    }

                    continue;
                }

                var partner = LeadText.Clean(value);
                if (!partners.Contains(partner, StringComparer.OrdinalIgnoreCase))
                {
                    partners.Add(partner);
                }
            }

            return Failed("partners") ? [] : partners;
        }
    }

    /// <summary>
    /// A real IPv4 (four decimal numbers 0-255, no leading zeros) or IPv6 address (no zone) in its canonical form, or
    /// null; loopback, unspecified, private and link-local addresses are not where a person consented from.
    /// </summary>
    public static string? PublicIp(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length is 0 or > MaxIpLength)
        {
            return null;
        }

        IPAddress? address;
        if (value.Contains(':', StringComparison.Ordinal))
        {
            if (!value.All(ch => char.IsAsciiHexDigit(ch) || ch is ':' or '.') || !IPAddress.TryParse(value, out address)
                || address.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return null;
            }

            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }
        }
        else
        {
            if (!Ipv4Pattern().IsMatch(value) || !IPAddress.TryParse(value, out address))
            {
                return null;
            }
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || IsPrivateIpv4(address))
        {
            return null;
        }

        return address.ToString();
    }

    private static bool IsPrivateIpv4(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254);
    }

    [GeneratedRegex(@"^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4Pattern();

    [GeneratedRegex("^https://cert\\.trustedform\\.com/[0-9a-fA-F]{40}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex TrustedFormPattern();

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex JornayaPattern();
}
